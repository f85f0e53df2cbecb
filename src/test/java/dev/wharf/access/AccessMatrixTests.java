package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The route table, called: each built-in role, bound at global, group and host scope, calls every route of
 * {@code routes.csv} (API with a token, pages with a browser session) on a host its binding covers and on
 * one it does not, and gets what the table's rule says: allowed, 403, or 404 for a host it cannot see.
 * "Allowed" means the access check let the request through: what follows (a 400 for a body made to be
 * refused, a 404 for a container that does not exist) is the handler's business.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-password=matrix", "wharf.live.heartbeat=1s", "wharf.live.streams-per-user=100"})
class AccessMatrixTests {

    private static final String PASSWORD = "matrix-password-1";
    private static final String MISSING = "wharf-matrix-missing";

    enum Outcome { ALLOWED, FORBIDDEN, NOT_FOUND }

    /** A registered host: the one bindings cover, or the other one. */
    record Target(String id, String group, String container, String endpoint) {}

    @LocalServerPort
    int port;

    ApiSession admin;
    Target covered;
    Target other;
    final List<String> hosts = new ArrayList<>();
    final List<String> containers = new ArrayList<>();

    @BeforeAll
    void twoHostsInTwoGroups() {
        admin = new ApiSession(port, "matrix");
        TestEngines.ensureImage(TestEngines.unix());
        TestEngines.ensureImage(TestEngines.tlsSocket());
        covered = target("matrix-a", TestEngines.unix());
        other = target("matrix-b", TestEngines.tlsSocket());
    }

    @AfterAll
    void removeThem() {
        hosts.forEach(id -> admin.delete("/api/v1/hosts/" + id));
        TestEngines.cli(TestEngines.unix(), "rm", "-f", covered.container());
        TestEngines.cli(TestEngines.tlsSocket(), "rm", "-f", other.container());
    }

    @TestFactory
    Stream<DynamicTest> everyRouteAnswersEachBuiltInRoleAsTheTableSays() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Role role : Role.BUILT_IN) {
            for (Scope scope : List.of(Scope.GLOBAL, Scope.group(covered.group()), Scope.host(UUID.fromString(covered.id())))) {
                tests.add(DynamicTest.dynamicTest(role.name() + " at " + scope, () -> checkEveryRoute(role, scope)));
            }
        }
        return tests.stream();
    }

    private void checkEveryRoute(Role role, Scope scope) {
        String username = "m-" + role.name() + "-" + UUID.randomUUID().toString().substring(0, 6);
        String userId = json(admin.post("/api/v1/users", Map.of("username", username, "password", PASSWORD))).path("id").asString();
        var bound = admin.post("/api/v1/bindings", Map.of("subject", Map.of("type", "user", "id", userId), "role", role.name(),
                "scope", scope.id() == null ? Map.of("type", "global") : Map.of("type", scope.type().apiName(), "id", scope.id())));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        String token = new ApiSession(new Http(port), username, PASSWORD).token();
        Http browser = new Http(port);
        browser.signIn(username, PASSWORD);
        String csrf = Http.csrfFrom(browser.get("/hosts"));

        List<String> wrong = new ArrayList<>();
        for (RouteRules.Route route : RouteRules.table()) {
            List<Target> targets = route.path().contains("{hostId}") ? List.of(covered, other) : List.of(new Target(null, null, null, null));
            for (Target target : targets) {
                Target called = destructive(route) ? throwaway(target) : target;
                Outcome expected = expected(route, role, scope, called);
                Answer answer = call(route, called, username, token, browser, csrf);
                if (!answer.is(expected)) {
                    wrong.add(route.key() + (called.id() == null ? "" : " on " + called.group()) + ": expected " + expected
                            + ", got " + answer.status() + " " + answer.excerpt());
                }
            }
        }
        assertThat(wrong).as(role.name() + " at " + scope + " (" + username + ")").isEmpty();
    }

    /** What the table's rule means for this role, bound at this scope, calling on this host. */
    private Outcome expected(RouteRules.Route route, Role role, Scope scope, Target target) {
        String rule = route.rule();
        if (rule.equals("public") || rule.equals("signed-in")) {
            return Outcome.ALLOWED;
        }
        Permission permission = Permission.fromKey(rule.substring(0, rule.indexOf('@'))).orElseThrow();
        boolean has = role.permissions().contains(permission);
        boolean global = scope.type() == Scope.Type.GLOBAL;
        switch (rule.substring(rule.indexOf('@') + 1)) {
            case "host":
                boolean sees = global || (scope.type() == Scope.Type.GROUP ? scope.id().equals(target.group()) : scope.id().equals(target.id()));
                return !sees ? Outcome.NOT_FOUND : has ? Outcome.ALLOWED : Outcome.FORBIDDEN;
            case "global":
                return global && has ? Outcome.ALLOWED : Outcome.FORBIDDEN;
            case "each_host":
                return Outcome.ALLOWED;
            default:
                return handlerRule(route, role, global, has);
        }
    }

    /** Routes whose handler decides, each as its handler documents it. */
    private static Outcome handlerRule(RouteRules.Route route, Role role, boolean global, boolean has) {
        switch (route.key()) {
            case "GET /api/v1/teams/{teamId}":
            case "POST /api/v1/teams/{teamId}/members":
            case "DELETE /api/v1/teams/{teamId}/members/{userId}":
            case "DELETE /api/v1/bindings/{bindingId}":
                return Outcome.NOT_FOUND; // a team or binding nobody may see is as absent as one that does not exist
            case "GET /api/v1/bindings":
                return global && (has || role.permissions().contains(Permission.TEAM_MANAGE)) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
            case "GET /api/v1/audit":
            case "GET /api/v1/audit/export":
            case "GET /audit":
            case "GET /audit/export.csv":
            case "GET /audit/export.json":
                return has ? Outcome.ALLOWED : Outcome.FORBIDDEN; // audit.read on a host, or a group holding one, shows its entries
            default:
                return global && has ? Outcome.ALLOWED : Outcome.FORBIDDEN; // bodies here name no group: global it is
        }
    }

    /** Removing a host is real: each such call gets a host of its own, in the same group as the one it stands for. */
    private static boolean destructive(RouteRules.Route route) {
        return route.key().equals("DELETE /api/v1/hosts/{hostId}") || route.key().equals("POST /hosts/{hostId}/remove");
    }

    private Target throwaway(Target like) {
        String engine = like == covered ? TestEngines.unix() : TestEngines.tlsSocket();
        var registered = admin.post("/api/v1/hosts", Map.of("name", "matrix-gone-" + UUID.randomUUID().toString().substring(0, 8),
                "group", like.group(), "kind", "docker", "endpoint", engine));
        String id = json(registered).path("id").asString();
        hosts.add(id);
        return new Target(id, like.group(), like.container(), like.endpoint());
    }

    private Target target(String group, String engine) {
        var registered = admin.post("/api/v1/hosts", Map.of("name", group + "-" + UUID.randomUUID().toString().substring(0, 6),
                "group", group, "kind", "docker", "endpoint", engine));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = json(registered).path("id").asString();
        hosts.add(id);
        String container = TestEngines.cli(engine, "run", "-d", "--name", "wharf-matrix-" + UUID.randomUUID().toString().substring(0, 8),
                "--network", "none", TestEngines.IMAGE, "sleep", "3600").get(0);
        // the pages read the inventory: wait until the watcher has listed the container
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> admin.get("/api/v1/hosts/" + id + "/containers").body().contains(container));
        return new Target(id, group, container, engine);
    }

    record Answer(int status, String body) {

        /** Allowed: the access check let it through. 404 counts as "cannot see the host" only when it names the host. */
        boolean is(Outcome expected) {
            if (status == 302 && body.contains("/login")) {
                return false; // sent to sign in: the session did not count, whatever was expected
            }
            switch (expected) {
                case FORBIDDEN:
                    return status == 403;
                case NOT_FOUND:
                    return status == 404;
                default:
                    return status != 401 && status != 403 && status < 500 && !(status == 404 && body.contains("No host "));
            }
        }

        String excerpt() {
            return body.length() > 160 ? body.substring(0, 160) + "…" : body;
        }
    }

    private Answer call(RouteRules.Route route, Target target, String username, String token, Http browser, String csrf) {
        boolean page = !route.isApi() && !route.path().equals("/error");
        String path = route.path()
                .replace("{hostId}", target.id() == null ? "" : target.id())
                .replace("{containerId}", page && target.container() != null ? target.container() : MISSING)
                .replace("{imageId}", "sha256:" + "0".repeat(64))
                .replace("{switchId}", MISSING).replace("{name}", MISSING)
                .replace("{tokenId}", UUID.randomUUID().toString()).replace("{userId}", UUID.randomUUID().toString())
                .replace("{teamId}", UUID.randomUUID().toString()).replace("{bindingId}", UUID.randomUUID().toString());
        String method = route.method().equals("ANY") ? "GET" : route.method();
        if (page) {
            // the browser's own client and address: its session cookie belongs to them
            // the API's documentation is JSON or YAML, not a page: asked for HTML it would rightly answer 406
            String accept = route.isStream() ? "text/event-stream" : route.path().startsWith("/v3/api-docs") ? "*/*" : "text/html";
            HttpRequest.Builder request = browser.request(path).header("Accept", accept);
            // no name: refused after the access check; the host's own endpoint, so the form does not ask to reconnect
            String form = "_csrf=" + Http.encode(csrf) + "&name=&kind=docker&endpoint="
                    + Http.encode(target.endpoint() == null ? "" : target.endpoint());
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
            return send(browser.client(), request);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + query(route)))
                .timeout(Duration.ofSeconds(30));
        if (route.key().equals("POST /api/v1/auth/tokens")) {
            request.header("Authorization", Http.basic(username, PASSWORD)[1]); // tokens are made with a password
        } else {
            request.header("Authorization", "Bearer " + token);
        }
        String body = body(route);
        request.header("Content-Type", route.path().endsWith("/import") ? "application/x-tar" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(API, request);
    }

    /** Prunes are asked as dry runs: an allowed caller must not empty the test engines. */
    private static String query(RouteRules.Route route) {
        return route.path().endsWith("/prune") ? "?dryRun=true" : "";
    }

    /** A body each handler refuses after the access check (or one that finds nothing), so an allowed call changes nothing. */
    private static String body(RouteRules.Route route) {
        switch (route.key()) {
            case "POST /api/v1/hosts":
            case "POST /api/v1/hosts/test":
                return "{\"name\":\"matrix-never\",\"kind\":\"docker\",\"endpoint\":\"tcp://127.0.0.1:1\"}";
            case "POST /api/v1/bindings":
                return "{\"subject\":{\"type\":\"user\",\"id\":\"" + UUID.randomUUID() + "\"},\"role\":\"viewer\",\"scope\":{\"type\":\"global\"}}";
            case "POST /api/v1/teams/{teamId}/members":
                return "{\"userId\":\"" + UUID.randomUUID() + "\"}";
            case "PUT /api/v1/roles/{name}":
                return "{\"permissions\":[]}";
            case "POST /api/v1/hosts/{hostId}/containers/{containerId}/rename":
                return "{\"name\":\"matrix-renamed\"}";
            case "POST /api/v1/hosts/{hostId}/images/{imageId}/tag":
                return "{\"repo\":\"matrix/never\",\"tag\":\"x\"}";
            case "POST /api/v1/hosts/{hostId}/switches/{switchId}/connect":
            case "POST /api/v1/hosts/{hostId}/switches/{switchId}/disconnect":
                return "{\"container\":\"" + MISSING + "\"}";
            case "POST /api/v1/hosts/{hostId}/images/import":
                return "";
            default:
                return route.method().equals("POST") || route.method().equals("PUT") ? "{}" : null;
        }
    }

    private static final HttpClient API = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Reads the status, and the body only where it is not an open stream (an allowed stream is closed at once). */
    private static Answer send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                String text = stream ? "(stream)" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
                return new Answer(response.statusCode(), response.headers().firstValue("Location").map(to -> "-> " + to + " ").orElse("") + text);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
