package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Csv;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The audit issue's "Done when": N changes and M denials made through the API (bearer tokens) and through the
 * pages (session, CSRF form posts, the sign-in form), then the CSV and JSON exports from the moment before the
 * first hold exactly those entries: no more, no fewer.
 */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=audit-done-when")
class AuditExportDoneWhenTests {

    private static final List<String> COLUMNS = List.of("id", "at", "actor", "tokenId", "action", "hostId", "resource", "outcome",
            "detail", "clientAddress");

    @LocalServerPort
    int port;

    /** What one entry should say; {@code token} is the token the call used, null for a browser. */
    record Expected(String action, String outcome, String actor, String token, String hostId) {}

    @Test
    void theExportsHoldExactlyTheChangesAndDenialsMadeThroughTheApiAndThePages() {
        ApiSession admin = new ApiSession(port, "audit-done-when");
        AccessFixtures fixtures = new AccessFixtures(port, admin);
        Person viewer = fixtures.userWith("dw-viewer", "viewer", "global", null);
        String adminToken = onlyTokenOf(admin);
        String viewerToken = onlyTokenOf(viewer.api());
        String suffix = AccessFixtures.suffix();
        String host = fixtures.host("dw-host-" + suffix, "dw", "unix:///run/wharf-dw.sock");
        Http adminBrowser = new Http(port);
        adminBrowser.signIn("admin", "audit-done-when");
        String adminCsrf = Http.csrfFrom(adminBrowser.get("/hosts"));
        Http viewerBrowser = new Http(port);
        viewerBrowser.signIn(viewer.username(), AccessFixtures.PASSWORD);
        String viewerCsrf = Http.csrfFrom(viewerBrowser.get("/hosts"));
        Http stranger = new Http(port);
        String loginCsrf = Http.csrfFrom(stranger.get("/login"));
        Instant start = pauseThenNow();
        List<Expected> expected = new ArrayList<>();

        // the API, with bearer tokens: three changes (one of them failing) and three denials
        status(admin.post("/api/v1/teams", Map.of("name", "dw-team-" + suffix)), 201);
        expected.add(new Expected("team.create", "success", "admin", adminToken, null));
        status(admin.post("/api/v1/teams", Map.of("name", "dw-team-" + suffix)), 409);
        expected.add(new Expected("team.manage", "failure", "admin", adminToken, null));
        status(admin.put("/api/v1/hosts/" + host, Map.of("name", "dw-api-" + suffix, "group", "dw", "kind", "docker",
                "endpoint", "unix:///run/wharf-dw.sock")), 200);
        expected.add(new Expected("host.update", "success", "admin", adminToken, host));
        status(viewer.api().post("/api/v1/hosts", Map.of("name", "dw-never", "kind", "docker", "endpoint", "unix:///run/never.sock")), 403);
        expected.add(new Expected("host.manage", "denied", viewer.username(), viewerToken, null));
        status(viewer.api().post("/api/v1/hosts/" + host + "/containers/dw-none/stop", Map.of()), 403);
        expected.add(new Expected("container.lifecycle", "denied", viewer.username(), viewerToken, host));
        status(new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic(viewer.username(), "not the password")), 401);
        expected.add(new Expected("session.sign-in", "denied", viewer.username(), null, null));

        // the pages, with the session and CSRF: three changes (one refused as bad input), three denials, a sign-out
        HttpResponse<String> registered = adminBrowser.postForm("/hosts", form(adminCsrf, "dw-ui-" + suffix, "unix:///run/wharf-dw-ui.sock"));
        status(registered, 302);
        String uiHost = registered.headers().firstValue("Location").orElseThrow().replaceAll(".*/hosts/", "");
        expected.add(new Expected("host.create", "success", "admin", null, uiHost));
        status(adminBrowser.postForm("/hosts/" + host, form(adminCsrf, "dw-page-" + suffix, "unix:///run/wharf-dw.sock")), 302);
        expected.add(new Expected("host.update", "success", "admin", null, host));
        status(adminBrowser.postForm("/hosts", form(adminCsrf, "", "unix:///run/wharf-dw-ui.sock")), 400);
        expected.add(new Expected("host.create", "failure", "admin", null, null));
        status(viewerBrowser.postForm("/hosts", form(viewerCsrf, "dw-never", "unix:///run/never.sock")), 403);
        expected.add(new Expected("host.manage", "denied", viewer.username(), null, null));
        status(viewerBrowser.postForm("/hosts/" + host + "/remove", "_csrf=" + Http.encode(viewerCsrf)), 403);
        expected.add(new Expected("host.manage", "denied", viewer.username(), null, host));
        HttpResponse<String> wrongPassword = stranger.postForm("/login", "username=" + Http.encode(viewer.username())
                + "&password=wrong&_csrf=" + Http.encode(loginCsrf));
        assertThat(wrongPassword.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("/login?error"));
        expected.add(new Expected("session.sign-in", "denied", viewer.username(), null, null));
        status(viewerBrowser.postForm("/logout", "_csrf=" + Http.encode(viewerCsrf)), 302);
        expected.add(new Expected("session.sign-out", "success", viewer.username(), null, null));

        HttpResponse<String> csv = admin.get("/api/v1/audit/export?format=csv&from=" + start);
        HttpResponse<String> jsonExport = admin.get("/api/v1/audit/export?format=json&from=" + start);

        status(csv, 200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).matches("attachment; filename=\"wharf-audit-\\d{8}T\\d{6}Z\\.csv\""));
        assertThat(csv.headers().firstValue("X-Wharf-Truncated")).isEmpty();
        List<List<String>> rows = Csv.parse(csv.body());
        assertThat(rows.get(0)).isEqualTo(COLUMNS);
        List<Map<String, String>> fromCsv = rows.subList(1, rows.size()).stream().map(AuditExportDoneWhenTests::cells).toList();
        status(jsonExport, 200);
        assertThat(jsonExport.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).matches("attachment; filename=\"wharf-audit-\\d{8}T\\d{6}Z\\.json\""));
        List<Map<String, String>> fromJson = json(jsonExport).valueStream().map(AuditExportDoneWhenTests::cells).toList();

        for (List<Map<String, String>> export : List.of(fromCsv, fromJson)) {
            assertThat(export.stream().map(AuditExportDoneWhenTests::asExpected).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(export.stream().map(e -> Long.parseLong(e.get("id"))).toList()).as("newest first")
                    .isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(export).allSatisfy(e -> {
                assertThat(Instant.parse(e.get("at"))).isAfterOrEqualTo(start);
                assertThat(loopback(e.get("clientAddress"))).as("client address %s", e.get("clientAddress")).isTrue();
            });
        }
        assertThat(fromJson).isEqualTo(fromCsv);
    }

    /** Every token a session's user holds: exactly the one it signed in with. */
    private static String onlyTokenOf(ApiSession api) {
        List<JsonNode> tokens = AccessFixtures.items(api, "/api/v1/tokens");
        assertThat(tokens).hasSize(1);
        return tokens.get(0).path("id").asString();
    }

    private static Instant pauseThenNow() {
        try {
            Thread.sleep(50); // every entry made so far lies strictly before the instant taken next
            return Instant.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String form(String csrf, String name, String endpoint) {
        return "_csrf=" + Http.encode(csrf) + "&name=" + Http.encode(name) + "&group=dw&kind=docker&endpoint=" + Http.encode(endpoint);
    }

    private static void status(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(expected);
    }

    private static Map<String, String> cells(List<String> row) {
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            cells.put(COLUMNS.get(i), row.get(i).isEmpty() ? null : row.get(i));
        }
        return cells;
    }

    private static Map<String, String> cells(JsonNode entry) {
        Map<String, String> cells = new java.util.LinkedHashMap<>();
        // CSV has no null: an empty cell stands for both, so an empty string reads as null here too
        COLUMNS.forEach(column -> cells.put(column, entry.path(column).isNull() || entry.path(column).asString().isEmpty() ? null
                : column.equals("id") ? Long.toString(entry.path(column).asLong()) : entry.path(column).asString()));
        return cells;
    }

    private static Expected asExpected(Map<String, String> entry) {
        return new Expected(entry.get("action"), entry.get("outcome"), entry.get("actor"), entry.get("tokenId"), entry.get("hostId"));
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
