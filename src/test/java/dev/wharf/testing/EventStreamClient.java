package dev.wharf.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/** A server-sent event stream ({@code /api/v1/events}, a container's stats, {@code /live}) as a client reads it: every event is collected, in order, on a thread of its own. */
public final class EventStreamClient implements AutoCloseable {

    /**
     * One event: its id, its name, its data as sent, and when this client read it. The JSON is parsed only
     * when asked, so reading stays cheap (the bench runs 200 clients in the console's own process).
     */
    public record Event(long id, String type, String raw, java.time.Instant receivedAt) {
        public JsonNode data() {
            return ApiSession.JSON.readTree(raw);
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private volatile boolean endedByServer;

    private EventStreamClient(InputStream body) {
        this.body = body;
        Thread reader = new Thread(this::read, "test-event-stream");
        reader.setDaemon(true);
        reader.start();
    }

    public static EventStreamClient open(int port, String token) {
        return open(port, token, null);
    }

    /** Reconnects as an EventSource does, telling the last id it received. */
    public static EventStreamClient open(int port, String token, Long lastEventId) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/events"))
                .header("Authorization", "Bearer " + token);
        if (lastEventId != null) {
            builder.header("Last-Event-ID", lastEventId.toString());
        }
        return open(CLIENT, builder);
    }

    /** Any stream of the API ({@code path} such as a container's {@code /stats}), with a bearer token. */
    public static EventStreamClient openPath(int port, String path, String token) {
        return open(CLIENT, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token));
    }

    /** A stream read through {@code client} (a browser-like client with its session cookie, for instance). */
    public static EventStreamClient open(HttpClient client, HttpRequest.Builder request) {
        HttpResponse<InputStream> response = tryOpen(client, request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("The event stream answered " + response.statusCode());
        }
        return new EventStreamClient(response.body());
    }

    /** The answer to a stream request, whatever its status (a refusal's body is then small). */
    public static HttpResponse<InputStream> tryOpen(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True once the console ended the stream (not when this client closed it). */
    public boolean endedByServer() {
        return endedByServer;
    }

    /** Everything received so far, in order. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    private void read() {
        Map<String, String> fields = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (fields.containsKey("data")) {
                        events.add(new Event(Long.parseLong(fields.getOrDefault("id", "0")), fields.get("event"),
                                fields.get("data"), java.time.Instant.now()));
                    }
                    fields.clear();
                } else if (!line.startsWith(":")) {
                    String[] field = line.split(":", 2);
                    String value = field.length > 1 ? field[1] : "";
                    fields.merge(field[0], value.startsWith(" ") ? value.substring(1) : value, (a, b) -> a + "\n" + b);
                }
            }
            endedByServer = true;
        } catch (IOException closed) {
            // closed by the test
        }
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
