package dev.wharf.hcs;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.engine.ContainerState;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EventSubscription;
import dev.wharf.hosts.HostEngines;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.UsesHcsStandIn;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** An hcs host through /api/v1, on the stand-in: its systems listed, a stop that comes back as an event, each error as its problem. */
@UsesHcsStandIn
@UsesTestDatabase
@ExtendWith(StandIn.LeakCheck.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-password=hcs-api", "wharf.hcs.operation-timeout=500ms", "wharf.hcs.poll-interval=200ms"})
class HcsHostApiTests {

    @LocalServerPort
    int port;

    @Autowired
    HostEngines engines;

    private ApiSession api;
    private String hostId;
    private String host;

    @BeforeEach
    void registerTheHcsHost() {
        StandIn.control().WharfStandinReset();
        assertThat(StandIn.control().WharfStandinSeed("""
                {"systems": [
                  {"Id": "web-1", "Owner": "docker", "State": "Running"},
                  {"Id": "db-1", "Name": "db", "Owner": "containerd-shim-runhcs-v1.exe", "State": "Paused"}
                ],
                 "services": [{"Name": "vmcompute", "State": "running"}, {"Name": "hns", "State": "stopped"}],
                 "registry": {"ProductName": "Windows Server 2019 Standard", "CurrentBuildNumber": "17763", "UBR": 6054}}""")).isZero();
        api = new ApiSession(port, "hcs-api");
        HttpResponse<String> registered = api.post("/api/v1/hosts", Map.of("name", "windows-" + UUID.randomUUID().toString()
                .substring(0, 6), "kind", "hcs", "endpoint", "local"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        hostId = json(registered).path("id").asString();
        host = "/api/v1/hosts/" + hostId;
    }

    @AfterEach
    void removeIt() {
        assertThat(api.delete(host).statusCode()).isEqualTo(204); // closes its engine and handles
        StandIn.control().WharfStandinReset();
    }

    @Test
    void theHostsSystemsAreListedWithWhatHcsKnows() {
        JsonNode items = json(api.get(host + "/containers?all=true")).path("items");

        assertThat(items.valueStream().map(i -> i.path("id").asString())).containsExactlyInAnyOrder("web-1", "db-1");
        JsonNode db = items.valueStream().filter(i -> i.path("id").asString().equals("db-1")).findFirst().orElseThrow();
        assertThat(db.path("name").asString()).isEqualTo("db");
        assertThat(db.path("state").asString()).isEqualTo("paused");
        assertThat(db.path("extra").path("owner").asString()).isEqualTo("containerd-shim-runhcs-v1.exe");
        assertThat(db.path("extra").path("isolation").asString()).isEqualTo("process");
        assertThat(json(api.get(host + "/containers/db")).path("id").asString()).as("a path accepts the name").isEqualTo("db-1");
        assertThat(json(api.get(host + "/containers/web-1/stats")).path("memoryBytes").asLong()).isPositive();
    }

    @Test
    void aStopThroughTheApiReachesHcsAndComesBackAsAnEvent() {
        List<EngineEvent> events = new CopyOnWriteArrayList<>();
        EventSubscription subscription = engines.engine(UUID.fromString(hostId)).events(null, events::add);
        try {
            assertThat(api.post(host + "/containers/web-1/stop?timeout=1", Map.of()).statusCode()).isEqualTo(204);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(events).anySatisfy(event ->
                    assertThat(event).isInstanceOfSatisfying(EngineEvent.ContainerChanged.class, changed -> {
                        assertThat(changed.containerId()).isEqualTo("web-1");
                        assertThat(changed.state()).isEqualTo(ContainerState.EXITED);
                    })));
            assertThat(json(api.get(host + "/containers?all=true")).path("items").findValuesAsString("id"))
                    .containsExactly("db-1");
        } finally {
            subscription.close();
        }
    }

    @Test
    void switchesAreHcnNetworksInTheOneSwitchShape() {
        HttpResponse<String> created = api.post(host + "/switches", Map.of("name", "pods", "type", "l2bridge",
                "subnets", List.of(Map.of("subnet", "10.244.3.0/24", "gateway", "10.244.3.1")), "adapter", "Ethernet 2"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode pods = json(created);
        assertThat(pods.path("type").asString()).isEqualTo("L2Bridge");
        assertThat(pods.path("adapter").asString()).isEqualTo("Ethernet 2");
        assertThat(pods.path("policies").get(0).path("settings").path("NetworkAdapterName").asString()).isEqualTo("Ethernet 2");
        StandIn.attach("web-1", pods.path("id").asString(), "10.244.3.9");

        // HCN has no events: the watcher notices the new endpoint at its next look
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode listed = json(api.get(host + "/switches")).path("items");
            assertThat(listed.valueStream().map(s -> s.path("name").asString())).containsExactly("pods");
            assertThat(listed.get(0).path("attached").findValuesAsString("containerId")).containsExactly("web-1");
            assertThat(listed.get(0).path("attached").findValuesAsString("ip")).containsExactly("10.244.3.9");
        });
        assertThat(problem(api.delete(host + "/switches/pods"), 409, "conflict").path("hresult").asString()).isEqualTo("0x803B002C");
        problem(api.post(host + "/switches", Map.of("name", "x", "type", "bridge")), 400, "validation");
        problem(api.post(host + "/switches/pods/connect", Map.of("containerId", "db-1")), 501, "unsupported");
    }

    @Test
    void theHostsInfoShowsWindowsAndTheHealthOfItsServices() {
        JsonNode info = json(api.get(host + "/info"));

        assertThat(info.path("os").asString()).isEqualTo("Windows Server 2019 Standard");
        assertThat(info.path("kernelVersion").asString()).isEqualTo("17763.6054");
        assertThat(info.path("schemaVersions").valueStream().map(JsonNode::asString)).containsExactly("2.1", "2.5");
        assertThat(info.path("services").path("vmcompute").asString()).isEqualTo("running");
        assertThat(info.path("services").path("hns").asString()).isEqualTo("stopped");
        assertThat(info.path("services").path("docker").asString()).isEqualTo("not installed");
        assertThat(info.path("containers").path("running").asInt()).isEqualTo(1);
    }

    @Test
    void eachHcsErrorAnswersItsProblemWithTheHresult() {
        assertThat(problem(api.post(host + "/containers/missing/start", Map.of()), 404, "not-found")
                .path("hresult").asString()).isEqualTo("0x8037010E");
        assertThat(problem(api.post(host + "/containers/db-1/pause", Map.of()), 409, "conflict")
                .path("hresult").asString()).isEqualTo("0x80370105");

        StandIn.control().WharfStandinSetDelay(StandIn.PAUSE, 2000);
        JsonNode slow = problem(api.post(host + "/containers/web-1/pause", Map.of()), 504, "host-timeout");
        assertThat(slow.path("hresult").asString()).isEqualTo("0x80370118");
        assertThat(slow.path("hostId").asString()).isEqualTo(hostId);
        StandIn.control().WharfStandinSetDelay(StandIn.PAUSE, 2);

        StandIn.control().WharfStandinFailNext("HcsResumeComputeSystem", 0x8037011B);
        assertThat(problem(api.post(host + "/containers/db-1/resume", Map.of()), 502, "hcs-error")
                .path("hresult").asString()).isEqualTo("0x8037011B");
        StandIn.control().WharfStandinFailNext("HcsResumeComputeSystem", 0x80370101);
        assertThat(problem(api.post(host + "/containers/db-1/resume", Map.of()), 502, "hcs-error")
                .path("detail").asString()).contains("operating system does not match");

        problem(api.get(host + "/containers/web-1/logs"), 501, "unsupported");
        problem(api.post(host + "/containers/web-1/restart", Map.of()), 501, "unsupported");
        problem(api.get(host + "/images"), 501, "unsupported");
    }
}
