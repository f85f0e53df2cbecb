package dev.wharf.live;

import static dev.wharf.testing.ApiSession.JSON;
import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/events}: ids, names and shape, replay after a reconnect, resync when the buffer no
 * longer reaches back, heartbeats, and a client that stops reading is dropped without holding up others.
 * Events are published straight through {@link LiveEvents}; each test marks its own (the host watchers
 * publish too), and waits generously without timing anything.
 */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "wharf.admin-password=events-api",
        "wharf.live.replay-buffer=50",
        "wharf.live.client-queue=200",
        "wharf.live.heartbeat=200ms"})
class EventStreamTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    LiveEvents live;

    @Autowired
    ApplicationEventPublisher applicationEvents;

    String token;
    UUID hostId;
    /** Resource ids of this test's events start with it. */
    String marker;

    @BeforeEach
    void registerAHost() {
        Http http = new Http(port);
        HttpResponse<String> created = http.postJson("/api/v1/auth/tokens", "{}", Http.basic("admin", "events-api"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        token = json(created).path("token").asString();
        marker = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
        HttpResponse<String> host = new ApiSession(http, "events-api").post("/api/v1/hosts", Map.of("name", "events-" + marker
                .substring(1, 9), "kind", "docker", "endpoint", "unix:///var/run/wharf-test-none-" + marker + ".sock"));
        assertThat(host.statusCode()).as(host.body()).isEqualTo(201);
        hostId = UUID.fromString(json(host).path("id").asString());
    }

    @Test
    void anAnonymousRequestIsA401AndNoStream() {
        HttpResponse<String> refused = new Http(port).get("/api/v1/events", "Accept", "text/event-stream");

        problem(refused, 401, "unauthorized");
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"wharf\"");
    }

    @Test
    void eventsArriveInOrderNamedByTypeWithTheirIdInTheJson() throws Exception {
        try (Stream stream = Stream.open(port, token, null, "")) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            assertThat(stream.nextLine()).isEqualTo("retry: 2000");

            LiveEvent started = live.publish("container", hostId, resource("container", "web-1"), "start",
                    Map.of("state", "running"));
            live.publish("container", UUID.randomUUID(), resource("container", "nobody-sees-me"), "start", Map.of());
            LiveEvent down = live.publish("host", hostId, new LiveEvent.Resource("host", marker + "host", "events-host"),
                    "down", Map.of("statusReason", "no such socket"));
            UUID operation = UUID.randomUUID();
            applicationEvents.publishEvent(new ImagePullProgressed(operation, hostId, marker + "busybox:1", "running",
                    "Downloading", 42, Map.of(), null));

            List<Sse> events = stream.events(3, this::mine);

            assertThat(events).extracting(Sse::event).containsExactly("container", "host", "pull");
            assertThat(events).extracting(Sse::id).containsExactly(started.id(), down.id(), events.get(2).id());
            assertThat(events.get(2).id()).isGreaterThan(down.id());

            JsonNode first = events.get(0).json();
            assertThat(first.propertyNames()).containsExactly("id", "hostId", "type", "resource", "action", "at", "state");
            assertThat(first.path("id").asLong()).isEqualTo(started.id());
            assertThat(first.path("hostId").asString()).isEqualTo(hostId.toString());
            assertThat(first.path("type").asString()).isEqualTo("container");
            assertThat(first.path("resource").propertyNames()).containsExactly("kind", "id", "name");
            assertThat(first.path("resource").path("kind").asString()).isEqualTo("container");
            assertThat(first.path("resource").path("name").asString()).isEqualTo("web-1");
            assertThat(first.path("action").asString()).isEqualTo("start");
            assertThat(first.path("state").asString()).isEqualTo("running");
            assertThat(first.path("at").asString()).endsWith("Z");
            assertThat(Instant.parse(first.path("at").asString())).isBetween(Instant.now().minusSeconds(60), Instant.now());

            assertThat(events.get(1).json().path("statusReason").asString()).isEqualTo("no such socket");
            JsonNode pull = events.get(2).json();
            assertThat(pull.path("resource").path("kind").asString()).isEqualTo("pull");
            assertThat(pull.path("resource").path("id").asString()).isEqualTo(operation.toString());
            assertThat(pull.path("action").asString()).isEqualTo("running");
            assertThat(pull.path("percent").asInt()).isEqualTo(42);
            assertThat(pull.path("status").asString()).isEqualTo("Downloading");
            assertThat(pull.has("layers")).isTrue();
            assertThat(pull.has("error")).isTrue();
        }
    }

    @Test
    void anEventWhoseDetailsJsonCannotWriteStillArrivesAndTheStreamGoesOn() throws Exception {
        try (Stream stream = Stream.open(port, token, null, "")) {
            LiveEvent odd = live.publish("container", hostId, resource("container", "odd"), "start",
                    Map.of("notJson", new Unwritable()));
            long next = publish(1, "next").get(0);

            List<Sse> events = stream.events(2, this::mine);

            assertThat(events).extracting(Sse::id).containsExactly(odd.id(), next);
            assertThat(events.get(0).json().propertyNames()).containsExactly("id", "hostId", "type", "resource", "action", "at");
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsExactlyWhatItMissed() throws Exception {
        long seen;
        try (Stream stream = Stream.open(port, token, null, "")) {
            List<Long> published = publish(3, "before");
            List<Sse> events = stream.events(3, this::mine);
            assertThat(events).extracting(Sse::id).containsExactlyElementsOf(published);
            seen = published.get(2);
        }
        List<Long> missed = publish(4, "missed");

        try (Stream stream = Stream.open(port, token, Long.toString(seen), "")) {
            assertThat(stream.nextLine()).startsWith("retry:");
            List<Sse> replayed = stream.events(4, this::mine);
            assertThat(replayed).extracting(Sse::id).containsExactlyElementsOf(missed);
            assertThat(replayed).extracting(e -> e.json().path("resource").path("name").asString())
                    .containsExactly("missed-0", "missed-1", "missed-2", "missed-3");

            List<Long> after = publish(2, "live");
            List<Sse> next = stream.events(2, this::mine);
            assertThat(next).extracting(Sse::id).containsExactlyElementsOf(after);
            assertThat(stream.received).extracting(Sse::id).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id).isGreaterThan(seen));
            assertThat(stream.received).noneMatch(e -> "resync".equals(e.event()));
        }

        // EventSource polyfills send it as a query parameter
        try (Stream stream = Stream.open(port, token, null, "?lastEventId=" + missed.get(1))) {
            assertThat(stream.events(2, this::mine)).extracting(Sse::id).containsExactly(missed.get(2), missed.get(3));
        }
    }

    @Test
    void anIdTheBufferNoLongerReachesOrThatThisConsoleNeverGaveGetsResync() throws Exception {
        long old = publish(1, "old").get(0);
        publish(60, "flood"); // the buffer holds 50

        try (Stream stream = Stream.open(port, token, Long.toString(old), "")) {
            Sse resync = stream.events(1, e -> "resync".equals(e.event())).get(0);
            assertThat(resync.json().path("reason").asString()).isEqualTo("buffer-exceeded");
            assertThat(resync.id()).isGreaterThanOrEqualTo(old + 60);
            assertThat(stream.received).noneMatch(this::mine);

            long next = publish(1, "after-resync").get(0);
            assertThat(stream.events(1, this::mine)).extracting(Sse::id).containsExactly(next);
        }
        // a console that ran before this one gave it, or nobody did
        for (String unknown : List.of("1000000000", "banana")) {
            try (Stream stream = Stream.open(port, token, unknown, "")) {
                Sse resync = stream.events(1, e -> "resync".equals(e.event())).get(0);
                assertThat(resync.json().path("reason").asString()).isEqualTo("unknown-id");
            }
        }
    }

    @Test
    void anIdleStreamGetsHeartbeatComments() throws Exception {
        try (Stream stream = Stream.open(port, token, null, "")) {
            String line;
            do {
                line = stream.nextLine();
            } while (!line.startsWith(":"));
            assertThat(line).isEqualTo(": heartbeat");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileAnotherGetsEveryEvent() throws Exception {
        await(() -> live.openStreams() == 0, "streams of earlier tests to end");
        long droppedBefore = live.droppedStreams();
        try (Socket stalled = stalledStream(); Stream fast = Stream.open(port, token, null, "")) {
            assertThat(fast.nextLine()).startsWith("retry:");
            await(() -> live.openStreams() == 2, "both streams to open");

            String blob = "x".repeat(2048);
            List<Long> published = new ArrayList<>();
            List<Long> received = new ArrayList<>();
            for (int chunk = 0; chunk < 200; chunk++) {
                for (int i = 0; i < 100; i++) {
                    published.add(live.publish("container", hostId, resource("container", "bulk"), "update",
                            Map.of("blob", blob)).id());
                }
                // a client that keeps up: the next chunk once this one arrived
                fast.events(100, this::mine).forEach(e -> received.add(e.id()));
            }

            assertThat(received).containsExactlyElementsOf(published);
            assertThat(live.droppedStreams()).isGreaterThan(droppedBefore);
            assertThat(live.openStreams()).isEqualTo(1);
            long after = publish(1, "still-here").get(0);
            assertThat(fast.events(1, this::mine)).extracting(Sse::id).containsExactly(after);

            // once it reads again, what the kernel held drains and the response ends (last chunk of the body)
            assertThat(readsToEndOfResponse(stalled.getInputStream())).isTrue();
        }
    }

    /** A GET that never reads its answer, with a small receive buffer so the server's writes stall soon. */
    private Socket stalledStream() throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), 5000);
        socket.setSoTimeout((int) WAIT.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/v1/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static boolean readsToEndOfResponse(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[7];
        byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        int n;
        while ((n = in.read(buffer)) >= 0) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                tail[tail.length - 1] = buffer[i];
            }
            if (java.util.Arrays.equals(tail, end)) {
                return true;
            }
        }
        return false;
    }

    private List<Long> publish(int count, String name) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(live.publish("container", hostId, resource("container", name + "-" + i), "start", Map.of()).id());
        }
        return ids;
    }

    private LiveEvent.Resource resource(String kind, String name) {
        return new LiveEvent.Resource(kind, marker + UUID.randomUUID(), name);
    }

    /** This test's events (the watchers publish theirs on the same stream). */
    private boolean mine(Sse event) {
        if (event.data() == null || event.event() == null || "resync".equals(event.event())) {
            return false;
        }
        JsonNode data = event.json();
        return data.path("resource").path("id").asString("").startsWith(marker)
                || data.path("resource").path("name").asString("").startsWith(marker);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + what).isNegative();
            Thread.sleep(50);
        }
    }

    /** A detail whose JSON fails halfway. */
    static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("no JSON for this");
        }
    }

    /** One server-sent event; id 0 when it had none. */
    record Sse(long id, String event, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    /** An open stream, read line by line on its own thread, as an EventSource would. */
    static final class Stream implements AutoCloseable {

        private static final String EOF = "\u0000eof";
        private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        final int status;
        final String contentType;
        final List<Sse> received = new ArrayList<>();
        private final InputStream body;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Stream(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.contentType = response.headers().firstValue("Content-Type").orElse("");
            this.body = response.body();
            Thread pump = new Thread(this::pump, "test-sse-reader");
            pump.setDaemon(true);
            pump.start();
        }

        static Stream open(int port, String token, String lastEventId, String query) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/events" + query))
                    .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            return new Stream(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        }

        private void pump() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // closed by the test
            } finally {
                lines.add(EOF);
            }
        }

        String nextLine() throws InterruptedException {
            String line = lines.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(line).as("a line within " + WAIT).isNotNull();
            assertThat(line).as("the stream ended").isNotEqualTo(EOF);
            return line;
        }

        /** The next {@code count} events that match, in order; every event read is kept in {@link #received}. */
        List<Sse> events(int count, Predicate<Sse> filter) throws InterruptedException {
            List<Sse> matching = new ArrayList<>();
            while (matching.size() < count) {
                Sse event = nextEvent();
                received.add(event);
                if (filter.test(event)) {
                    matching.add(event);
                }
            }
            return matching;
        }

        private Sse nextEvent() throws InterruptedException {
            Map<String, String> fields = new LinkedHashMap<>();
            while (true) {
                String line = nextLine();
                if (line.isEmpty()) {
                    if (fields.containsKey("data") || fields.containsKey("event")) {
                        return new Sse(Long.parseLong(fields.getOrDefault("id", "0")), fields.get("event"), fields.get("data"));
                    }
                    fields.clear();
                } else if (!line.startsWith(":")) {
                    String[] field = line.split(":", 2);
                    String value = field.length > 1 ? field[1] : "";
                    fields.merge(field[0], value.startsWith(" ") ? value.substring(1) : value, (a, b) -> a + "\n" + b);
                }
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
