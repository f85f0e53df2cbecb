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
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * An open stream answers to access as it is now, not as it was when it opened: removing the viewer's
 * binding, revoking the token it was opened with, or disabling the viewer ends it within seconds.
 */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"wharf.admin-password=revocation", "wharf.live.heartbeat=1s"})
class StreamRevocationTests {

    private static final Duration SECONDS = Duration.ofSeconds(5);
    private static final String PASSWORD = "revocation-password";

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    ApiSession admin;
    String userId;
    String username;

    @BeforeEach
    void aViewer() {
        admin = new ApiSession(port, "revocation");
        username = "watcher-" + UUID.randomUUID().toString().substring(0, 8);
        userId = json(admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD))).path("id").asString();
    }

    @Test
    void removingTheViewersBindingEndsTheirEventStream() throws Exception {
        String binding = bind("viewer", Map.of("type", "global"));
        try (EventStreamClient stream = EventStreamClient.open(port, token().path("token").asString())) {
            assertThat(stream.endedByServer()).isFalse();

            assertThat(admin.delete("/api/v1/bindings/" + binding).statusCode()).isEqualTo(204);

            await().atMost(SECONDS).until(stream::endedByServer);
        }
    }

    @Test
    void revokingTheTokenEndsItsStreamsAndNoOther() throws Exception {
        bind("viewer", Map.of("type", "global"));
        JsonNode revoked = token();
        String kept = token().path("token").asString();
        try (EventStreamClient onRevoked = EventStreamClient.open(port, revoked.path("token").asString());
                EventStreamClient onKept = EventStreamClient.open(port, kept)) {

            var revoke = new Http(port).send(new Http(port).request("/api/v1/tokens/" + revoked.path("id").asString())
                    .header("Authorization", "Bearer " + kept).DELETE());
            assertThat(revoke.statusCode()).isEqualTo(204);

            await().atMost(SECONDS).until(onRevoked::endedByServer);
            assertThat(onKept.endedByServer()).as("a stream on another token stays").isFalse();
        }
    }

    @Test
    void aTokenThatExpiresEndsItsStreamThoughNothingAnnouncedIt() throws Exception {
        bind("viewer", Map.of("type", "global"));
        JsonNode expiring = token();
        try (EventStreamClient stream = EventStreamClient.open(port, expiring.path("token").asString())) {
            assertThat(stream.endedByServer()).isFalse();

            // time passing, as the database sees it: no access change is published
            jdbc.sql("UPDATE api_token SET expires_at = ? WHERE id = ?")
                    .params(java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(1)), UUID.fromString(expiring.path("id").asString()))
                    .update();

            await().atMost(SECONDS).until(stream::endedByServer);
        }
    }

    @Test
    void disablingTheViewerEndsTheirStreams() throws Exception {
        bind("viewer", Map.of("type", "global"));
        try (EventStreamClient stream = EventStreamClient.open(port, token().path("token").asString())) {
            assertThat(admin.post("/api/v1/users/" + userId + "/disable", Map.of()).statusCode()).isEqualTo(204);

            await().atMost(SECONDS).until(stream::endedByServer);
        }
    }

    @Test
    void losingAHostEndsAContainersStatsStreamOnIt() throws Exception {
        TestEngines.ensureImage(TestEngines.unix());
        var host = admin.post("/api/v1/hosts", Map.of("name", "revoked-" + UUID.randomUUID().toString().substring(0, 6),
                "kind", "docker", "endpoint", TestEngines.unix()));
        String hostId = json(host).path("id").asString();
        String container = TestEngines.cli(TestEngines.unix(), "run", "-d", "--network", "none", TestEngines.IMAGE, "sleep", "300").get(0);
        String binding = bind("operator", Map.of("type", "host", "id", hostId));
        try (EventStreamClient stats = EventStreamClient.openPath(port, "/api/v1/hosts/" + hostId + "/containers/" + container
                + "/stats", token().path("token").asString())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> stats.events().stream().anyMatch(e -> e.type().equals("stats")));

            admin.delete("/api/v1/bindings/" + binding);

            await().atMost(SECONDS).until(stats::endedByServer);
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            admin.delete("/api/v1/hosts/" + hostId);
        }
    }

    private String bind(String role, Map<String, String> scope) {
        var bound = admin.post("/api/v1/bindings", Map.of("subject", Map.of("type", "user", "id", userId), "role", role, "scope", scope));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        return json(bound).path("id").asString();
    }

    /** A new token of the viewer's: {@code id} and {@code token}. */
    private JsonNode token() {
        var created = new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic(username, PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }
}
