package dev.wharf.live;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.EventStreamClient;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.TestImagesInRegistry;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The live inventory and the API event stream against real engines: what happens on an engine outside
 * Wharf (the docker CLI, a crash) shows on the stream and in the lists without anyone asking. Waits are
 * generous; speed lives in the bench profile.
 */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=live")
class LiveStatusTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Test
    void containersChangedWithTheCliAppearOnTheStreamInOrder() throws Exception {
        ApiSession api = new ApiSession(port, "live");
        TestEngines.ensureImage(TestEngines.unix());
        String hostId = register(api, "live-unix-" + suffix(), TestEngines.unix());
        try (EventStreamClient stream = EventStreamClient.open(port, api.token())) {
            String name = "wharf-live-" + suffix();
            String id = TestEngines.cli(TestEngines.unix(), "create", "--name", name, "--network", "none", TestEngines.IMAGE,
                    "sleep", "300").get(0);
            TestEngines.cli(TestEngines.unix(), "start", name);
            TestEngines.cli(TestEngines.unix(), "kill", name);
            TestEngines.cli(TestEngines.unix(), "rm", name);

            await().atMost(WAIT).until(() -> actions(stream, id).contains("destroy"));
            List<String> seen = actions(stream, id);
            assertThat(seen).containsSubsequence("create", "start", "die", "destroy");
            assertThat(stream.events()).filteredOn(e -> id.equals(e.data().path("resource").path("id").asString()))
                    .allSatisfy(e -> {
                        assertThat(e.type()).isEqualTo("container");
                        assertThat(e.data().path("hostId").asString()).isEqualTo(hostId);
                        assertThat(e.data().path("resource").path("name").asString()).isEqualTo(name);
                    });
            assertThat(stream.events()).extracting(EventStreamClient.Event::id).isSorted().doesNotHaveDuplicates();
        } finally {
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void editingAHostWatchesItsNewEngineAndRemovingItStopsWatching() {
        ApiSession api = new ApiSession(port, "live");
        TestEngines.ensureImage(TestEngines.unix());
        String name = "live-moved-" + suffix();
        String hostId = register(api, name, TestEngines.unix());
        String onUnix = TestEngines.cli(TestEngines.unix(), "create", "--name", "wharf-moved-" + suffix(), "--network", "none",
                TestEngines.IMAGE, "sleep", "300").get(0);
        try {
            await().atMost(WAIT).until(() -> state(api, hostId, onUnix).equals("created"));

            // the same host, now pointed at another engine, which does not have that container
            var edited = api.put("/api/v1/hosts/" + hostId, Map.of("name", name, "kind", "docker", "endpoint", TestEngines.tlsSocket()));
            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            await().atMost(WAIT).until(() -> "up".equals(host(api, hostId).path("status").asString()));
            assertThat(state(api, hostId, onUnix)).isEqualTo("absent");
            assertThat(json(api.get("/api/v1/hosts/" + hostId + "/containers?all=true")).path("items").findValuesAsString("id"))
                    .doesNotContain(onUnix);

            assertThat(api.delete("/api/v1/hosts/" + hostId).statusCode()).isEqualTo(204);
            assertThat(json(api.get("/api/v1/containers?host=" + hostId)).path("total").asInt()).isZero();
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", onUnix);
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsExactlyWhatItMissed() throws Exception {
        ApiSession api = new ApiSession(port, "live");
        TestEngines.ensureImage(TestEngines.unix());
        String hostId = register(api, "live-replay-" + suffix(), TestEngines.unix());
        String name = "wharf-replay-" + suffix();
        try (EventStreamClient witness = EventStreamClient.open(port, api.token())) {
            String id;
            long last;
            try (EventStreamClient first = EventStreamClient.open(port, api.token())) {
                id = TestEngines.cli(TestEngines.unix(), "create", "--name", name, "--network", "none", TestEngines.IMAGE,
                        "sleep", "300").get(0);
                await().atMost(WAIT).until(() -> actions(first, id).contains("create"));
                List<EventStreamClient.Event> seen = first.events();
                last = seen.get(seen.size() - 1).id();
            }
            // while nobody listens on that connection
            TestEngines.cli(TestEngines.unix(), "start", name);
            TestEngines.cli(TestEngines.unix(), "kill", name);
            await().atMost(WAIT).until(() -> actions(witness, id).contains("die"));

            try (EventStreamClient again = EventStreamClient.open(port, api.token(), last)) {
                await().atMost(WAIT).until(() -> actions(again, id).contains("die"));
                List<Long> missed = witness.events().stream().map(EventStreamClient.Event::id).filter(e -> e > last).toList();
                List<Long> replayed = again.events().stream().map(EventStreamClient.Event::id).toList();
                assertThat(replayed.subList(0, Math.min(replayed.size(), missed.size()))).isEqualTo(missed);
                assertThat(again.events()).noneMatch(e -> "resync".equals(e.type()));
            }
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", name);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void aKilledEngineGoesDownKeepsItsLastKnownContainersAndComesBackWithWhatChanged() throws Exception {
        TestEngines.restartSpare();
        TestEngines.ensureImage(TestEngines.spare());
        ApiSession api = new ApiSession(port, "live");
        String hostId = register(api, "live-spare-" + suffix(), TestEngines.spare());
        String before = "wharf-before-" + suffix();
        String runningId = TestEngines.cli(TestEngines.spare(), "run", "-d", "--name", before, "--network", "none",
                TestEngines.IMAGE, "sleep", "300").get(0);
        try (EventStreamClient stream = EventStreamClient.open(port, api.token())) {
            await().atMost(WAIT).until(() -> state(api, hostId, runningId).equals("running"));

            long pid = Long.parseLong(Files.readString(TestEngines.sparePidFile()).strip());
            ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
            assertThat(daemon.destroyForcibly()).as("SIGKILL to the spare dockerd (needs root)").isTrue();
            daemon.onExit().get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> "down".equals(host(api, hostId).path("status").asString()));
            assertThat(host(api, hostId).path("statusReason").asString()).isNotBlank();
            var fleet = api.get("/api/v1/containers?host=" + hostId);
            assertThat(fleet.statusCode()).as("the fleet list answers while a host is down").isEqualTo(200);
            JsonNode lastKnown = json(fleet).path("items");
            assertThat(lastKnown.findValuesAsString("id")).contains(runningId);
            assertThat(lastKnown.findValuesAsString("hostStatus")).containsOnly("down");

            TestEngines.restartSpare();
            String after = "wharf-after-" + suffix();
            String createdId = TestEngines.cli(TestEngines.spare(), "create", "--name", after, "--network", "none",
                    TestEngines.IMAGE, "sleep", "300").get(0);

            await().atMost(WAIT).until(() -> "up".equals(host(api, hostId).path("status").asString()));
            await().atMost(WAIT).until(() -> state(api, hostId, runningId).equals("exited")
                    && state(api, hostId, createdId).equals("created"));
            assertThat(stream.events()).filteredOn(e -> e.type().equals("host") && hostId.equals(e.data().path("hostId").asString()))
                    .extracting(e -> e.data().path("action").asString()).containsSubsequence("down", "up");
        } finally {
            api.delete("/api/v1/hosts/" + hostId);
            TestEngines.restartSpare(); // leaves it running for whoever comes next
        }
    }

    @Test
    void aPullShowsRisingProgressOnTheStream() throws Exception {
        ApiSession api = new ApiSession(port, "live");
        String reference = TestImagesInRegistry.pushImageWithABigLayer();
        String hostId = register(api, "live-pull-" + suffix(), TestEngines.unix());
        try (EventStreamClient stream = EventStreamClient.open(port, api.token())) {
            String operation = json(api.post("/api/v1/hosts/" + hostId + "/images/pull", Map.of("reference", reference)))
                    .path("operationId").asString();

            await().atMost(Duration.ofSeconds(60)).until(() -> pull(stream, operation).stream()
                    .anyMatch(e -> e.path("action").asString().equals("done")));
            List<Integer> percents = pull(stream, operation).stream().map(e -> e.path("percent").asInt()).toList();
            assertThat(percents).isSorted();
            assertThat(percents.get(percents.size() - 1)).isEqualTo(100);
            assertThat(json(api.get("/api/v1/images?q=" + reference.substring(reference.lastIndexOf('/') + 1)))
                    .path("items").findValuesAsString("hostId")).contains(hostId);
        } finally {
            TestEngines.cli(TestEngines.unix(), "rmi", "-f", reference);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    private static List<JsonNode> pull(EventStreamClient stream, String operation) {
        return stream.events().stream().filter(e -> e.type().equals("pull"))
                .map(EventStreamClient.Event::data)
                .filter(d -> operation.equals(d.path("resource").path("id").asString())).toList();
    }

    private static List<String> actions(EventStreamClient stream, String containerId) {
        return stream.events().stream().filter(e -> containerId.equals(e.data().path("resource").path("id").asString()))
                .map(e -> e.data().path("action").asString()).collect(Collectors.toList());
    }

    private static String state(ApiSession api, String hostId, String containerId) {
        JsonNode items = json(api.get("/api/v1/containers?host=" + hostId)).path("items");
        return items.valueStream().filter(c -> containerId.equals(c.path("id").asString())).map(c -> c.path("state").asString())
                .findFirst().orElse("absent");
    }

    private static JsonNode host(ApiSession api, String hostId) {
        return json(api.get("/api/v1/hosts/" + hostId));
    }

    private static String register(ApiSession api, String name, String endpoint) {
        var registered = api.post("/api/v1/hosts", Map.of("name", name, "kind", "docker", "endpoint", endpoint));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asString();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
