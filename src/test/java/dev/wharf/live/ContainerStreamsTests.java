package dev.wharf.live;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.EventStreamClient;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A container's stats and log follow against real engines, shared per container however many watch, the
 * per-user cap on open streams, and sign-out closing a browser's streams. Heartbeats are 1 s here so the
 * console notices a client that went away quickly.
 */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-password=streams", "wharf.live.streams-per-user=4", "wharf.live.heartbeat=1s"})
class ContainerStreamsTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    OpenStreams openStreams;

    @Autowired
    ContainerFeeds feeds;

    ApiSession api;

    @BeforeEach
    void noStreamsLeftOpen() {
        api = new ApiSession(port, "streams");
        // a stream a test closed is noticed at the next heartbeat: start each test from none
        await().atMost(WAIT).until(() -> openStreams.openBy("admin") == 0);
    }

    @Test
    void aBusyContainersStatsArriveEverySecondWithRisingCpuTime() throws Exception {
        String hostId = register("stats-" + suffix(), TestEngines.unix());
        String busy = run(TestEngines.unix(), "sh", "-c", "while :; do :; done");
        try (EventStreamClient stream = EventStreamClient.openPath(port, apiPath(hostId, busy, "stats"), api.token())) {
            await().atMost(WAIT).until(() -> samples(stream).size() >= 4);

            List<Long> cpuTimes = samples(stream).stream().map(e -> e.data().path("cpuTimeNanos").asLong()).toList();
            assertThat(cpuTimes).as("CPU time of a busy loop, sample after sample").isSortedAccordingTo(Long::compare);
            assertThat(cpuTimes.get(cpuTimes.size() - 1)).isGreaterThan(cpuTimes.get(0));
            assertThat(samples(stream)).allSatisfy(e -> {
                assertThat(e.data().path("resource").path("id").asString()).isEqualTo(busy);
                assertThat(e.data().path("hostId").asString()).isEqualTo(hostId);
                assertThat(e.data().path("memoryBytes").asLong()).isPositive();
            });
            assertThat(stream.events()).extracting(EventStreamClient.Event::id).isSorted().doesNotHaveDuplicates();
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", busy);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void aLogFollowDeliversLinesWrittenAfterItOpenedInOrderWithTheirStream() throws Exception {
        String hostId = register("logs-" + suffix(), TestEngines.unix());
        String container = run(TestEngines.unix(), "sh", "-c", "echo written-before; sleep 3600");
        try {
            await().atMost(WAIT).until(() -> api.get(apiPath(hostId, container, "logs")).body().contains("written-before"));
            try (EventStreamClient stream = EventStreamClient.openPath(port, apiPath(hostId, container, "logs") + "?follow=true&tail=0",
                    api.token())) {
                // lines written from inside the container, after the stream opened, to its stdout and stderr
                for (int i = 1; i <= 4; i++) {
                    TestEngines.cli(TestEngines.unix(), "exec", container, "sh", "-c", "echo after-" + i + " >/proc/1/fd/1");
                }
                TestEngines.cli(TestEngines.unix(), "exec", container, "sh", "-c", "echo trouble >/proc/1/fd/2");

                await().atMost(WAIT).until(() -> lines(stream).size() >= 5);
                assertThat(lines(stream)).extracting(e -> e.data().path("text").asString())
                        .containsExactly("after-1", "after-2", "after-3", "after-4", "trouble");
                assertThat(lines(stream)).extracting(e -> e.data().path("stream").asString())
                        .containsExactly("stdout", "stdout", "stdout", "stdout", "stderr");
                assertThat(lines(stream)).allSatisfy(e -> assertThat(e.data().path("at").asString()).isNotEmpty());
            }
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void aLogStreamEndsWhenItsContainerStops() throws Exception {
        String hostId = register("logs-end-" + suffix(), TestEngines.unix());
        String container = run(TestEngines.unix(), "sleep", "3600");
        try (EventStreamClient stream = EventStreamClient.openPath(port, apiPath(hostId, container, "logs") + "?follow=true",
                api.token())) {
            TestEngines.cli(TestEngines.unix(), "kill", container);

            await().atMost(WAIT).until(stream::endedByServer);
            assertThat(stream.events()).last().satisfies(e -> assertThat(e.type()).isEqualTo("end"));
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void editingTheHostEndsItsContainerStreamsSoViewersAreCheckedAgain() throws Exception {
        String name = "edited-" + suffix();
        String hostId = register(name, TestEngines.unix());
        String container = run(TestEngines.unix(), "sleep", "3600");
        try (EventStreamClient stream = EventStreamClient.openPath(port, apiPath(hostId, container, "stats"), api.token())) {
            await().atMost(WAIT).until(() -> samples(stream).size() >= 1);

            var edited = api.put("/api/v1/hosts/" + hostId, Map.of("name", name, "group", "moved", "kind", "docker",
                    "endpoint", TestEngines.unix()));

            assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
            await().atMost(WAIT).until(stream::endedByServer);
            assertThat(stream.events()).noneMatch(e -> e.type().equals("end")).as("no end: the container did not stop");
            assertThat(feeds.viewers(UUID.fromString(hostId), container, ContainerFeeds.Kind.STATS)).isZero();
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    /**
     * Three viewers of one container cost the engine one connection, and it is gone once they all leave.
     * The engine here is one no other test registers, so its connections are this test's alone.
     */
    @Test
    void viewersOfOneContainerShareOneEngineStreamWhichClosesWithTheLast() throws Exception {
        String engine = TestEngines.quiet();
        TestEngines.ensureImage(engine);
        String container = run(engine, "sleep", "3600");
        String hostId = register("shared-" + suffix(), engine);
        try {
            await().atMost(WAIT).until(() -> api.get("/api/v1/hosts/" + hostId + "/containers").statusCode() == 200);
            int before = steadyConnections(engine);

            List<EventStreamClient> viewers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                viewers.add(EventStreamClient.openPath(port, apiPath(hostId, container, "stats"), api.token()));
            }
            await().atMost(WAIT).until(() -> viewers.stream().allMatch(v -> samples(v).size() >= 2));
            assertThat(feeds.viewers(UUID.fromString(hostId), container, ContainerFeeds.Kind.STATS)).isEqualTo(3);
            await().atMost(WAIT).untilAsserted(() -> assertThat(connections(engine)).as("engine connections with 3 viewers")
                    .isEqualTo(before + 1));

            for (EventStreamClient viewer : viewers) {
                viewer.close();
            }
            await().atMost(WAIT).untilAsserted(() -> assertThat(connections(engine)).as("engine connections once all left")
                    .isEqualTo(before));
            assertThat(feeds.viewers(UUID.fromString(hostId), container, ContainerFeeds.Kind.STATS)).isZero();
        } finally {
            api.delete("/api/v1/hosts/" + hostId);
            TestEngines.cli(engine, "rm", "-f", container);
        }
    }

    @Test
    void aUserHoldsAtMostTheCapOfStreamsAndGetsAnotherWhenOneCloses() throws Exception {
        List<EventStreamClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                open.add(EventStreamClient.open(port, api.token()));
            }
            HttpResponse<InputStream> refused = EventStreamClient.tryOpen(java.net.http.HttpClient.newHttpClient(),
                    java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                            .header("Authorization", "Bearer " + api.token()));
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(new String(refused.body().readAllBytes())).contains("rate-limited", "4 streams open");

            open.remove(0).close();
            await().atMost(WAIT).until(() -> openStreams.openBy("admin") < 4);
            open.add(EventStreamClient.open(port, api.token()));
        } finally {
            for (EventStreamClient stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void signingOutClosesTheBrowsersStreams() throws IOException {
        Http browser = new Http(port);
        browser.signIn("admin", "streams");
        try (EventStreamClient live = browser.stream("/live")) {
            await().atMost(WAIT).until(() -> openStreams.openBy("admin") == 1);

            HttpResponse<String> out = browser.postForm("/logout", "_csrf=" + Http.encode(Http.csrfFrom(browser.get("/hosts"))));

            assertThat(out.statusCode()).isEqualTo(302);
            await().atMost(Duration.ofSeconds(5)).until(live::endedByServer);
            assertThat(browser.tryStream("/live").statusCode()).as("the signed-out session opens no stream").isNotEqualTo(200);
        }
    }

    @Test
    void thePageStreamSendsAKilledContainersRowAsAFragment() throws Exception {
        String hostId = register("page-" + suffix(), TestEngines.unix());
        String container = run(TestEngines.unix(), "sleep", "3600");
        Http browser = new Http(port);
        browser.signIn("admin", "streams");
        try (EventStreamClient live = browser.stream("/live")) {
            TestEngines.cli(TestEngines.unix(), "kill", container);

            String row = "id=\"c-" + hostId + "-" + container + "\"";
            await().atMost(WAIT).until(() -> live.events().stream()
                    .anyMatch(e -> e.raw().contains(row) && e.raw().contains("data-state=\"exited\"")));
            EventStreamClient.Event event = live.events().stream().filter(e -> e.raw().contains(row) && e.raw().contains("exited"))
                    .findFirst().orElseThrow();
            assertThat(event.type()).isEqualTo("container");
            assertThat(event.raw()).contains("hx-swap-oob=\"true\"", "data-live-insert=\"containers-" + hostId + "\"",
                    "id=\"hc-" + hostId + "-containers\"");
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void theContainersPageListsTheHostsContainersAndStartsItsStreamAfterWhatItShows() {
        String hostId = register("list-" + suffix(), TestEngines.unix());
        String container = run(TestEngines.unix(), "sleep", "3600");
        Http browser = new Http(port);
        browser.signIn("admin", "streams");
        try {
            await().atMost(WAIT).until(() -> browser.get("/hosts/" + hostId + "/containers").body()
                    .contains("id=\"c-" + hostId + "-" + container + "\""));
            String page = browser.get("/hosts/" + hostId + "/containers").body();
            assertThat(page).containsPattern("sse-connect=\"/live\\?after=\\d+\"")
                    .contains("id=\"containers-" + hostId + "\"", "data-state=\"running\"");
            assertThat(page).doesNotContain("hx-swap-oob").as("a page's own rows are not out-of-band swaps");
            assertThat(browser.get("/hosts/" + hostId + "/containers/" + container).body())
                    .contains("/hosts/" + hostId + "/containers/" + container + "/stats/stream");
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    private static List<EventStreamClient.Event> samples(EventStreamClient stream) {
        return stream.events().stream().filter(e -> e.type().equals("stats")).toList();
    }

    private static List<EventStreamClient.Event> lines(EventStreamClient stream) {
        return stream.events().stream().filter(e -> e.type().equals("log")).toList();
    }

    /** Connections the engine has accepted and still holds: its socket's connected entries in /proc/net/unix. */
    private static int connections(String engine) {
        String socket = URI.create(engine).getPath();
        try {
            return (int) Files.readAllLines(Path.of("/proc/net/unix")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+"))
                    .filter(f -> f.length >= 8 && f[7].equals(socket) && f[5].equals("03"))
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The count once it has held still for two seconds (the watcher's first calls are over). */
    private static int steadyConnections(String engine) throws InterruptedException {
        int last = -1;
        for (int same = 0; same < 4; ) {
            int now = connections(engine);
            same = now == last ? same + 1 : 0;
            last = now;
            Thread.sleep(500);
        }
        return last;
    }

    private String register(String name, String endpoint) {
        TestEngines.ensureImage(endpoint);
        var registered = api.post("/api/v1/hosts", Map.of("name", name, "kind", "docker", "endpoint", endpoint));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asString();
    }

    private static String run(String engine, String... command) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", "wharf-stream-" + suffix(), "--network", "none",
                TestEngines.IMAGE));
        args.addAll(List.of(command));
        return TestEngines.cli(engine, args.toArray(String[]::new)).get(0);
    }

    private static String apiPath(String hostId, String containerId, String what) {
        return "/api/v1/hosts/" + hostId + "/containers/" + containerId + "/" + what;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
