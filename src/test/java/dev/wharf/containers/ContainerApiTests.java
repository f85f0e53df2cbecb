package dev.wharf.containers;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Containers through /api/v1 against both real engines: the one on a unix socket and the one over
 * mutual TLS, each registered as a host the way an operator registers it.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=containers-api")
class ContainerApiTests {

    @LocalServerPort
    int port;

    ApiSession api;
    final Map<String, String> hostIds = new java.util.HashMap<>();
    final List<String[]> created = new ArrayList<>();

    @BeforeEach
    void registerBothEngines() {
        api = new ApiSession(port, "containers-api");
        if (!hostIds.isEmpty()) {
            return;
        }
        TestEngines.ensureImage(TestEngines.unix());
        TestEngines.ensureImage(TestEngines.tlsSocket());
        hostIds.put("unix", register(Map.of("name", "unix-engine", "kind", "docker", "endpoint", TestEngines.unix())));
        hostIds.put("tls", register(Map.of("name", "tls-engine", "kind", "docker", "endpoint", TestEngines.tls(),
                "tls", Map.of("ca", TestEngines.pem("WHARF_TEST_TLS_CA"), "cert", TestEngines.pem("WHARF_TEST_TLS_CERT"),
                        "key", TestEngines.pem("WHARF_TEST_TLS_KEY")))));
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        created.forEach(c -> api.delete("/api/v1/hosts/" + c[0] + "/containers/" + c[1] + "?force=true"));
        created.clear();
    }

    static Stream<Arguments> engines() {
        return Stream.of(Arguments.of("unix"), Arguments.of("tls"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aContainerIsDrivenThroughItsWholeLifecycle(String engine) throws InterruptedException {
        String base = "/api/v1/hosts/" + hostIds.get(engine) + "/containers";
        String name = "wharf-api-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> made = api.post(base, Map.of("name", name, "image", TestEngines.IMAGE,
                "command", List.of("sh", "-c", "echo hello from wharf; echo complaint >&2; sleep 300"),
                "env", Map.of("GREETING", "hi"), "labels", Map.of("team", "wharf"), "network", "none"));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode container = json(made);
        String id = container.path("id").asString();
        created.add(new String[] {hostIds.get(engine), id});
        assertThat(made.headers().firstValue("Location")).hasValue(base + "/" + id);
        assertThat(container.path("name").asString()).isEqualTo(name);
        assertThat(container.path("state").asString()).isEqualTo("created");
        assertThat(container.path("env").path("GREETING").asString()).isEqualTo("hi");

        assertThat(action(base, id, "start")).isEqualTo(204);
        assertThat(stateOf(base, id)).isEqualTo("running");
        assertThat(action(base, id, "pause")).isEqualTo(204);
        assertThat(stateOf(base, id)).isEqualTo("paused");
        assertThat(action(base, id, "resume")).isEqualTo(204);
        assertThat(stateOf(base, id)).isEqualTo("running");
        assertThat(action(base, id, "restart?timeout=1")).isEqualTo(204);
        assertThat(stateOf(base, id)).isEqualTo("running");
        assertThat(action(base, id, "stop?timeout=1")).isEqualTo(204);
        assertThat(stateOf(base, id)).isEqualTo("exited");
        assertThat(action(base, id, "start")).isEqualTo(204);
        assertThat(action(base, id, "kill?signal=SIGKILL")).isEqualTo(204);
        assertThat(stateOf(base, id)).isEqualTo("exited");

        HttpResponse<String> renamed = api.post(base + "/" + id + "/rename", Map.of("name", name + "-renamed"));
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(204);
        assertThat(json(api.get(base + "/" + name + "-renamed")).path("id").asString()).isEqualTo(id);

        JsonNode logs = json(api.get(base + "/" + id + "/logs?timestamps=true"));
        assertThat(logs.path("items").findValuesAsString("text")).contains("hello from wharf", "complaint");
        assertThat(logs.path("items").get(0).path("stream").asString()).isIn("stdout", "stderr");
        assertThat(logs.path("items").get(0).path("at").asString()).isNotBlank();

        assertThat(action(base, id, "start")).isEqualTo(204);
        JsonNode stats = json(api.get(base + "/" + id + "/stats"));
        assertThat(stats.path("memoryBytes").asLong()).isPositive();
        assertThat(stats.has("cpuPercent")).isTrue();

        assertThat(api.delete(base + "/" + id + "?force=true").statusCode()).isEqualTo(204);
        problem(api.get(base + "/" + id), 404, "not-found");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void listingWithAllShowsExactlyWhatDockerPsShows(String engine) {
        String base = "/api/v1/hosts/" + hostIds.get(engine) + "/containers";
        String id = json(api.post(base, Map.of("image", TestEngines.IMAGE, "command", List.of("sleep", "300"),
                "network", "none"))).path("id").asString();
        created.add(new String[] {hostIds.get(engine), id});

        JsonNode listed = json(api.get(base + "?all=true&size=1000"));
        List<String> dockerPs = TestEngines.cli(engine.equals("unix") ? TestEngines.unix() : TestEngines.tlsSocket(),
                "ps", "-a", "--no-trunc", "-q");

        assertThat(new HashSet<>(listed.path("items").findValuesAsString("id"))).isEqualTo(new HashSet<>(dockerPs)).contains(id);
        assertThat(listed.path("total").asInt()).isEqualTo(dockerPs.size());
        assertThat(json(api.get(base)).path("items").findValuesAsString("id")).doesNotContain(id);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void whatTheEngineRefusesComesBackAsAClearProblem(String engine) {
        String base = "/api/v1/hosts/" + hostIds.get(engine) + "/containers";
        String id = json(api.post(base, Map.of("image", TestEngines.IMAGE, "command", List.of("sleep", "300"),
                "network", "none"))).path("id").asString();
        created.add(new String[] {hostIds.get(engine), id});
        action(base, id, "start");

        assertThat(problem(api.delete(base + "/" + id), 409, "conflict").path("hostId").asString())
                .isEqualTo(hostIds.get(engine));
        problem(api.post(base + "/no-such-container/start", Map.of()), 404, "not-found");
        problem(api.post(base + "/" + id + "/kill?signal=NOPE", Map.of()), 400, "validation");
        problem(api.post(base, Map.of("image", TestEngines.IMAGE, "privileged", "yes please", "network", "none")), 400, "validation");
        problem(api.post(base, Map.of("image", TestEngines.IMAGE, "network", "none", "restartPolicy", "sometimes")), 400, "validation");
        problem(api.post(base, Map.of("image", TestEngines.IMAGE, "network", "none", "cgroupParent", "/")), 400, "validation");
        problem(api.post(base, Map.of("image", "wharf-test/does-not-exist:1", "network", "none")), 404, "not-found");
    }

    private String register(Map<String, Object> host) {
        HttpResponse<String> registered = api.post("/api/v1/hosts", host);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asString();
    }

    private int action(String base, String id, String action) {
        return api.post(base + "/" + id + "/" + action, Map.of()).statusCode();
    }

    private String stateOf(String base, String id) {
        return json(api.get(base + "/" + id)).path("state").asString();
    }
}
