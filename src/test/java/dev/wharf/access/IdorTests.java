package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A user who is admin on host A only finds nothing of host B (another group, the second engine): every
 * route on B answers exactly as for a host id that does not exist, and no fleet list or stream shows B's
 * items. What B has is real (a running container, an image, a switch, a volume), so a 404 is never the
 * engine's own.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=idor")
class IdorTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What a browser asks for when it follows a link. */
    private static final String[] HTML = {"Accept", "text/html,application/xhtml+xml"};
    private static final HttpClient STREAMS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    ApiSession admin;
    AccessFixtures fixtures;
    Person hostAdmin;
    final String ghost = UUID.randomUUID().toString();
    final String suffix = AccessFixtures.suffix();
    String hostA;
    String hostB;
    String groupB;
    String nameOnA;
    String containerOnA;
    String nameOnB;
    String containerOnB;
    String imageOnB;
    String switchOnB;
    String volumeOnB;

    @BeforeAll
    void hostBHasOneOfEverything() {
        admin = new ApiSession(port, "idor");
        fixtures = new AccessFixtures(port, admin);
        TestEngines.ensureImage(TestEngines.unix());
        TestEngines.ensureImage(TestEngines.tlsSocket());
        nameOnA = "wharf-idor-a-" + suffix;
        containerOnA = run(TestEngines.unix(), nameOnA);
        nameOnB = "wharf-idor-b-" + suffix;
        containerOnB = run(TestEngines.tlsSocket(), nameOnB);
        imageOnB = TestEngines.cli(TestEngines.tlsSocket(), "image", "inspect", "-f", "{{.Id}}", TestEngines.IMAGE).get(0).strip();
        switchOnB = "wharf-idor-net-" + suffix;
        TestEngines.cli(TestEngines.tlsSocket(), "network", "create", "--internal", switchOnB);
        volumeOnB = "wharf-idor-vol-" + suffix;
        TestEngines.cli(TestEngines.tlsSocket(), "volume", "create", volumeOnB);

        hostA = fixtures.host("idor-a-" + suffix, "idor-a-" + suffix, TestEngines.unix());
        groupB = "idor-b-" + suffix;
        hostB = fixtures.host("idor-b-" + suffix, groupB, TestEngines.tlsSocket());
        hostAdmin = fixtures.userWith("idor-host-admin", "admin", "host", hostA);

        // the admin sees all of B, in the host's own lists and in the fleet's
        String b = "/api/v1/hosts/" + hostB;
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ids(admin, b + "/containers?all=true", "id")).contains(containerOnB);
            assertThat(ids(admin, b + "/switches", "name")).contains(switchOnB);
            assertThat(ids(admin, b + "/volumes", "name")).contains(volumeOnB);
            assertThat(ids(admin, b + "/images", "id")).contains(imageOnB);
            assertThat(ids(admin, "/api/v1/containers?size=1000", "hostId")).contains(hostA, hostB);
            assertThat(ids(admin, "/api/v1/images?size=1000", "hostId")).contains(hostA, hostB);
            assertThat(ids(admin, "/api/v1/switches?size=1000", "hostId")).contains(hostB);
            assertThat(ids(admin, "/api/v1/groups", "name")).contains(groupB);
        });
    }

    @AfterAll
    void removeEverything() {
        if (hostA != null) {
            admin.delete("/api/v1/hosts/" + hostA);
        }
        if (hostB != null) {
            admin.delete("/api/v1/hosts/" + hostB);
        }
        quietly(() -> TestEngines.cli(TestEngines.unix(), "rm", "-f", nameOnA));
        quietly(() -> TestEngines.cli(TestEngines.tlsSocket(), "rm", "-f", nameOnB));
        quietly(() -> TestEngines.cli(TestEngines.tlsSocket(), "network", "rm", switchOnB));
        quietly(() -> TestEngines.cli(TestEngines.tlsSocket(), "volume", "rm", volumeOnB));
    }

    /** What the host admin reads or does on B, with {@code {h}} for the host id. */
    List<String[]> routes() {
        Map<String, Object> host = Map.of("name", "taken-" + suffix, "kind", "docker", "endpoint", TestEngines.unix());
        String hostJson = ApiSession.JSON.writeValueAsString(host);
        String c = "/api/v1/hosts/{h}/containers/";
        return List.of(
                new String[] {"GET", "/api/v1/hosts/{h}"},
                new String[] {"PUT", "/api/v1/hosts/{h}", hostJson},
                new String[] {"DELETE", "/api/v1/hosts/{h}"},
                new String[] {"GET", "/api/v1/hosts/{h}/info"},
                new String[] {"GET", "/api/v1/hosts/{h}/containers?all=true"},
                new String[] {"GET", c + containerOnB},
                new String[] {"GET", c + nameOnB},
                new String[] {"POST", c + containerOnB + "/stop?timeout=1", "{}"},
                new String[] {"POST", c + nameOnB + "/kill", "{}"},
                new String[] {"GET", c + containerOnB + "/logs"},
                new String[] {"GET", c + nameOnB + "/logs"},
                new String[] {"GET", c + containerOnB + "/stats"},
                new String[] {"DELETE", c + containerOnB + "?force=true"},
                new String[] {"GET", "/api/v1/hosts/{h}/images"},
                new String[] {"GET", "/api/v1/hosts/{h}/images/" + imageOnB},
                new String[] {"GET", "/api/v1/hosts/{h}/images/" + imageOnB + "/history"},
                new String[] {"GET", "/api/v1/hosts/{h}/switches"},
                new String[] {"GET", "/api/v1/hosts/{h}/switches/" + switchOnB},
                new String[] {"DELETE", "/api/v1/hosts/{h}/switches/" + switchOnB},
                new String[] {"GET", "/api/v1/hosts/{h}/volumes"},
                new String[] {"GET", "/api/v1/hosts/{h}/volumes/" + volumeOnB},
                new String[] {"DELETE", "/api/v1/hosts/{h}/volumes/" + volumeOnB});
    }

    @Test
    void everyRouteOnHostBAnswersAsForAHostThatDoesNotExist() {
        List<String> differences = new ArrayList<>();
        for (String[] route : routes()) {
            Answer onB = Answer.of(send(hostAdmin.api(), route, hostB), hostB);
            Answer onNothing = Answer.of(send(hostAdmin.api(), route, ghost), ghost);
            assertThat(onNothing.status()).as("%s %s on no host", route[0], route[1]).isEqualTo(404);
            if (!onB.equals(onNothing)) {
                differences.add(route[0] + " " + route[1] + ": " + onB + " instead of " + onNothing);
            }
        }
        assertThat(differences).isEmpty();

        // and nothing on B changed
        assertThat(TestEngines.cli(TestEngines.tlsSocket(), "inspect", "-f", "{{.State.Running}}", containerOnB)).containsExactly("true");
        TestEngines.cli(TestEngines.tlsSocket(), "network", "inspect", switchOnB);
        TestEngines.cli(TestEngines.tlsSocket(), "volume", "inspect", volumeOnB);
        assertThat(json(admin.get("/api/v1/hosts/" + hostB)).path("name").asString()).isEqualTo("idor-b-" + suffix);
    }

    @Test
    void theSameRoutesOnHostAWork() {
        String a = "/api/v1/hosts/" + hostA;
        await().atMost(WAIT).untilAsserted(() -> assertThat(ids(hostAdmin.api(), a + "/containers?all=true", "id")).contains(containerOnA));
        for (String path : List.of(a, a + "/info", a + "/containers/" + containerOnA, a + "/containers/" + nameOnA,
                a + "/containers/" + nameOnA + "/logs", a + "/containers/" + nameOnA + "/stats", a + "/images", a + "/switches",
                a + "/switches/none", a + "/volumes")) {
            HttpResponse<String> answer = hostAdmin.api().get(path);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        }
        HttpResponse<InputStream> stats = stream(hostAdmin.api().token(), a + "/containers/" + nameOnA + "/stats");
        assertThat(stats.statusCode()).isEqualTo(200);
        close(stats);
    }

    @Test
    void streamsOnHostBAnswerAsForAHostThatDoesNotExist() {
        for (String path : List.of("/api/v1/hosts/{h}/containers/" + containerOnB + "/stats",
                "/api/v1/hosts/{h}/containers/" + nameOnB + "/stats",
                "/api/v1/hosts/{h}/containers/" + containerOnB + "/logs?follow=true")) {
            Answer onB = streamAnswer(hostAdmin.api().token(), path.replace("{h}", hostB), hostB);
            Answer onNothing = streamAnswer(hostAdmin.api().token(), path.replace("{h}", ghost), ghost);
            assertThat(onNothing.status()).as(path).isEqualTo(404);
            assertThat(onB).as(path).isEqualTo(onNothing);
        }
    }

    @Test
    void fleetListsNeverShowHostB() {
        for (String path : List.of("/api/v1/containers?size=1000",
                "/api/v1/containers?host=" + hostB, "/api/v1/containers?group=" + groupB, "/api/v1/containers?q=" + nameOnB,
                "/api/v1/images?size=1000", "/api/v1/images?host=" + hostB, "/api/v1/switches?size=1000",
                "/api/v1/switches?host=" + hostB, "/api/v1/hosts", "/api/v1/groups")) {
            HttpResponse<String> answer = hostAdmin.api().get(path);
            assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
            assertThat(answer.body()).as(path).doesNotContain(hostB, "idor-b-" + suffix, nameOnB, containerOnB, switchOnB);
        }
        assertThat(ids(hostAdmin.api(), "/api/v1/hosts", "id")).containsExactly(hostA);
        assertThat(ids(hostAdmin.api(), "/api/v1/containers?size=1000", "hostId")).containsOnly(hostA).isNotEmpty();
        assertThat(ids(hostAdmin.api(), "/api/v1/images?size=1000", "hostId")).containsOnly(hostA).isNotEmpty();
        assertThat(ids(hostAdmin.api(), "/api/v1/switches?size=1000", "hostId")).containsOnly(hostA).isNotEmpty();
    }

    @Test
    void theEventStreamCarriesHostAButNotHostB() throws IOException {
        try (EventStreamClient events = EventStreamClient.open(port, hostAdmin.api().token())) {
            String onB = run(TestEngines.tlsSocket(), "wharf-idor-ev-b-" + AccessFixtures.suffix());
            String onA = run(TestEngines.unix(), "wharf-idor-ev-a-" + AccessFixtures.suffix());
            try {
                await().atMost(WAIT).until(() -> events.events().stream().anyMatch(e -> e.raw().contains(onA)));
                // B's container started before A's: had it been sent, it would be here by now
                assertThat(events.events()).noneSatisfy(e -> assertThat(e.raw()).contains(onB));
                assertThat(events.events()).noneSatisfy(e -> assertThat(e.raw()).contains(hostB));
            } finally {
                TestEngines.cli(TestEngines.tlsSocket(), "rm", "-f", onB);
                TestEngines.cli(TestEngines.unix(), "rm", "-f", onA);
            }
        }
    }

    @Test
    void consolePagesOfHostBAnswerAsForAHostThatDoesNotExist() {
        Http browser = new Http(port);
        browser.signIn(hostAdmin.username(), AccessFixtures.PASSWORD);
        for (String path : List.of("/hosts/{h}", "/hosts/{h}/edit", "/hosts/{h}/remove", "/hosts/{h}/containers",
                "/hosts/{h}/containers/" + containerOnB, "/hosts/{h}/containers/" + nameOnB)) {
            Answer onB = Answer.of(browser.get(path.replace("{h}", hostB), HTML), hostB);
            Answer onNothing = Answer.of(browser.get(path.replace("{h}", ghost), HTML), ghost);
            assertThat(onNothing.status()).as(path).isEqualTo(404);
            assertThat(onB).as(path).isEqualTo(onNothing);
        }
        for (String path : List.of("/hosts/{h}/containers/" + containerOnB + "/stats/stream",
                "/hosts/{h}/containers/" + nameOnB + "/logs/stream")) {
            Answer onB = pageStream(browser, path.replace("{h}", hostB), hostB);
            Answer onNothing = pageStream(browser, path.replace("{h}", ghost), ghost);
            assertThat(onNothing.status()).as(path).isEqualTo(404);
            assertThat(onB).as(path).isEqualTo(onNothing);
        }
        HttpResponse<String> hosts = browser.get("/hosts", HTML);
        assertThat(hosts.statusCode()).isEqualTo(200);
        assertThat(hosts.body()).contains("idor-a-" + suffix).doesNotContain("idor-b-" + suffix, hostB);
    }

    @Test
    void grantingOnHostBAnswersAsForAHostThatDoesNotExist() {
        String team = fixtures.team("idor-team");
        Person teamAdmin = fixtures.userWith("idor-ta", "admin", "host", hostA);
        fixtures.member(team, teamAdmin, true);
        List<String> before = fixtures.bindings().stream().map(b -> b.path("id").asString()).toList();

        HttpResponse<String> onB = teamAdmin.api().post("/api/v1/bindings", AccessFixtures.binding("team", team, "viewer", "host", hostB));
        HttpResponse<String> onNothing = teamAdmin.api().post("/api/v1/bindings",
                AccessFixtures.binding("team", team, "viewer", "host", ghost));

        assertThat(Answer.of(onB, hostB)).isEqualTo(Answer.of(onNothing, ghost));
        assertThat(fixtures.bindings().stream().map(b -> b.path("id").asString())).containsExactlyElementsOf(before);
        HttpResponse<String> onA = teamAdmin.api().post("/api/v1/bindings", AccessFixtures.binding("team", team, "viewer", "host", hostA));
        assertThat(onA.statusCode()).as(onA.body()).isEqualTo(201);
    }

    @Test
    void aHostAdminCannotReachHostBsEngineByPointingTheirHostAtIt() {
        String name = "idor-c-" + AccessFixtures.suffix();
        String hostC = fixtures.host(name, name, TestEngines.unix());
        Person cAdmin = fixtures.userWith("idor-c-admin", "admin", "host", hostC);
        try {
            HttpResponse<String> edited = cAdmin.api().put("/api/v1/hosts/" + hostC,
                    Map.of("name", name, "group", name, "kind", "docker", "endpoint", TestEngines.tlsSocket()));
            if (edited.statusCode() == 200) {
                await().atMost(WAIT).until(() -> "up".equals(json(admin.get("/api/v1/hosts/" + hostC)).path("status").asString()));
            }

            // whatever the edit answered: B's container is not reachable through C
            HttpResponse<String> inspected = cAdmin.api().get("/api/v1/hosts/" + hostC + "/containers/" + nameOnB);
            assertThat(inspected.statusCode()).as("PUT answered %d; then %s", edited.statusCode(), inspected.body()).isEqualTo(404);
        } finally {
            admin.delete("/api/v1/hosts/" + hostC);
        }
    }

    /**
     * Status, content type and body, with the host id in the body replaced so two hosts compare (and a page's
     * CSRF token, masked afresh for every response).
     */
    record Answer(int status, String contentType, String body) {
        static Answer of(HttpResponse<String> response, String hostId) {
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body().replace(hostId, "{host}").replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\""));
        }
    }

    private static HttpResponse<String> send(ApiSession api, String[] route, String hostId) {
        String path = route[1].replace("{h}", hostId);
        return switch (route[0]) {
            case "GET" -> api.get(path);
            case "DELETE" -> api.delete(path);
            case "PUT" -> api.put(path, ApiSession.JSON.readTree(route[2]));
            default -> api.post(path, ApiSession.JSON.readTree(route[2]));
        };
    }

    private HttpResponse<InputStream> stream(String token, String path) {
        return EventStreamClient.tryOpen(STREAMS, HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)));
    }

    private Answer streamAnswer(String token, String path, String hostId) {
        return streamAnswer(stream(token, path), path, hostId);
    }

    private static Answer pageStream(Http browser, String path, String hostId) {
        return streamAnswer(browser.tryStream(path), path, hostId);
    }

    /** A refused stream's answer; a stream that opens fails the test. */
    private static Answer streamAnswer(HttpResponse<InputStream> response, String path, String hostId) {
        if (response.statusCode() == 200) {
            close(response);
            fail(path + " opened a stream");
        }
        try (InputStream body = response.body()) {
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    new String(body.readAllBytes(), StandardCharsets.UTF_8).replace(hostId, "{host}"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing a stream we opened
        }
    }

    private static List<String> ids(ApiSession api, String path, String field) {
        return AccessFixtures.items(api, path).stream().map(item -> item.path(field).asString()).toList();
    }

    private static String run(String engine, String name) {
        return TestEngines.cli(engine, "run", "-d", "--network", "none", "--name", name, TestEngines.IMAGE, "sleep", "300").get(0);
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
