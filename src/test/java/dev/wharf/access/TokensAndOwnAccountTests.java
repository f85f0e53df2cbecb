package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Tokens narrower than their owners, automation accounts, one's own password, and the effective-access answer,
 * against the real engines: host A on the unix engine (group tok-a), host B on the TLS engine (group tok-b).
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=tokens-and-account")
class TokensAndOwnAccountTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    ApiSession admin;
    AccessFixtures fixtures;
    String hostA;
    String hostB;
    final List<String> containers = new ArrayList<>();

    @BeforeAll
    void twoHosts() {
        admin = new ApiSession(port, "tokens-and-account");
        fixtures = new AccessFixtures(port, admin);
        TestEngines.ensureImage(TestEngines.unix());
        TestEngines.ensureImage(TestEngines.tlsSocket());
        hostA = fixtures.host("tok-a-" + AccessFixtures.suffix(), "tok-a", TestEngines.unix());
        hostB = fixtures.host("tok-b-" + AccessFixtures.suffix(), "tok-b", TestEngines.tlsSocket());
    }

    @AfterAll
    void cleanUp() {
        admin.delete("/api/v1/hosts/" + hostA);
        admin.delete("/api/v1/hosts/" + hostB);
        containers.forEach(c -> TestEngines.cli(c.startsWith("b:") ? TestEngines.tlsSocket() : TestEngines.unix(), "rm", "-f", c.substring(2)));
    }

    @Test
    void aNarrowerTokenCannotDoWhatItsOwnerCan() {
        Person operator = fixtures.userWith("narrow", "operator", "global", null);
        String onA = run(TestEngines.unix(), "a");
        String readOnly = token(operator, Map.of("name", "read only", "permissions", List.of("host.read", "container.read")));
        String containersOfA = "/api/v1/hosts/" + hostA + "/containers";
        await().atMost(WAIT).until(() -> json(as(readOnly).get(containersOfA + "?all=true")).path("items").findValuesAsString("id").contains(onA));

        problem(as(readOnly).postJson(containersOfA + "/" + onA + "/stop?timeout=1", "{}"), 403, "forbidden");
        assertThat(running(TestEngines.unix(), onA)).isTrue();
        assertThat(audit.latest(200)).anySatisfy(recorded -> {
            AuditEntry e = recorded.entry();
            assertThat(e.actor()).isEqualTo(operator.username());
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
            assertThat(e.action()).isEqualTo("container.lifecycle");
            assertThat(e.tokenId()).isNotNull();
        });

        // the owner's own, unlimited token does it
        assertThat(operator.api().post(containersOfA + "/" + onA + "/stop?timeout=1", Map.of()).statusCode()).isEqualTo(204);
        assertThat(running(TestEngines.unix(), onA)).isFalse();
    }

    @Test
    void aTokenLimitedToOneHostSeesNoOtherHost() {
        Person operator = fixtures.userWith("scoped", "operator", "global", null);
        String onB = run(TestEngines.tlsSocket(), "b");
        String onlyA = token(operator, Map.of("scopes", List.of(Map.of("type", "host", "id", hostA))));
        String containersOfB = "/api/v1/hosts/" + hostB + "/containers";
        await().atMost(WAIT).until(() -> json(admin.get(containersOfB + "?all=true")).path("items").findValuesAsString("id").contains(onB));

        problem(as(onlyA).get(containersOfB + "?all=true"), 404, "not-found");
        problem(as(onlyA).postJson(containersOfB + "/" + onB + "/stop?timeout=1", "{}"), 404, "not-found");
        assertThat(running(TestEngines.tlsSocket(), onB)).isTrue();
        assertThat(json(as(onlyA).get("/api/v1/hosts")).path("items").findValuesAsString("id")).contains(hostA).doesNotContain(hostB);
        assertThat(as(onlyA).get("/api/v1/hosts/" + hostA + "/containers").statusCode()).isEqualTo(200);
        // a token limited to a group reaches that group's hosts only
        String groupB = token(operator, Map.of("scopes", List.of(Map.of("type", "group", "id", "tok-b"))));
        assertThat(as(groupB).get(containersOfB + "?all=true").statusCode()).isEqualTo(200);
        problem(as(groupB).get("/api/v1/hosts/" + hostA + "/containers"), 404, "not-found");
    }

    @Test
    void aNarrowedTokenCarriesNoTeamAdminRights() {
        Person teamAdmin = fixtures.userWith("lead", "viewer", "global", null);
        String team = fixtures.team("leads");
        fixtures.member(team, teamAdmin, true);
        Person newcomer = fixtures.user("newcomer");
        String narrowed = token(teamAdmin, Map.of("permissions", List.of("host.read")));

        problem(as(narrowed).get("/api/v1/teams/" + team), 404, "not-found");
        problem(as(narrowed).postJson("/api/v1/teams/" + team + "/members", "{\"userId\":\"" + newcomer.id() + "\"}"), 404, "not-found");
        assertThat(fixtures.teamView(team).path("members").findValuesAsString("username")).doesNotContain(newcomer.username());

        assertThat(teamAdmin.api().post("/api/v1/teams/" + team + "/members", Map.of("userId", newcomer.id())).statusCode()).isEqualTo(204);
    }

    @Test
    void theTokenListShowsWhatEachTokenMayUseAndWhere() {
        Person viewer = fixtures.userWith("lister", "viewer", "host", hostA);
        token(viewer, Map.of("name", "images", "permissions", List.of("image.read"), "scopes", List.of(Map.of("type", "host", "id", hostA))));

        List<JsonNode> listed = AccessFixtures.items(viewer.api(), "/api/v1/tokens");
        assertThat(listed).hasSize(2);
        JsonNode narrowed = listed.stream().filter(t -> t.path("name").asString().equals("images")).findFirst().orElseThrow();
        assertThat(narrowed.path("narrowed").asBoolean()).isTrue();
        assertThat(narrowed.path("permissions").valueStream().map(JsonNode::asString).toList()).containsExactly("image.read");
        assertThat(narrowed.path("scopes").get(0).path("id").asString()).isEqualTo(hostA);
        assertThat(narrowed.has("token")).isFalse();
        JsonNode full = listed.stream().filter(t -> !t.path("name").asString().equals("images")).findFirst().orElseThrow();
        assertThat(full.path("narrowed").asBoolean()).isFalse();
        assertThat(full.path("permissions").valueStream().map(JsonNode::asString).toList())
                .containsExactlyElementsOf(Role.VIEWER.permissions().stream().map(Permission::key).sorted().toList());
        assertThat(full.path("scopes").isNull()).isTrue();
        assertThat(listed).allSatisfy(t -> assertThat(t.path("createdAt").asString()).isNotBlank());
    }

    @Test
    void aTokenCannotListWhatItsOwnerHoldsNowhereOrAHostItsOwnerCannotSee() {
        Person viewer = fixtures.userWith("greedy", "viewer", "host", hostA);
        int before = AccessFixtures.items(viewer.api(), "/api/v1/tokens").size();

        assertThat(problem(create(viewer, Map.of("permissions", List.of("user.manage"))), 400, "validation").path("field").asString())
                .isEqualTo("permissions");
        problem(create(viewer, Map.of("permissions", List.of("container.fly"))), 400, "validation");
        problem(create(viewer, Map.of("permissions", List.of())), 400, "validation");
        assertThat(problem(create(viewer, Map.of("scopes", List.of(Map.of("type", "host", "id", hostB)))), 400, "validation")
                .path("detail").asString()).contains("no such host");

        assertThat(AccessFixtures.items(viewer.api(), "/api/v1/tokens")).hasSize(before);
    }

    @Test
    void anAutomationAccountNeverSignsInAndGetsTokensOnlyFromAUserManager() {
        problem(admin.post("/api/v1/users", Map.of("username", "bot-" + AccessFixtures.suffix(), "password", "a long enough password",
                "automation", true)), 400, "validation");
        String name = "bot-" + AccessFixtures.suffix();
        HttpResponse<String> made = admin.post("/api/v1/users", Map.of("username", name, "automation", true));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(json(made).path("automation").asBoolean()).isTrue();
        String botId = json(made).path("id").asString();
        fixtures.bind("user", botId, "viewer", "host", hostA);

        // no password works for it, on the form or with HTTP Basic
        Http browser = new Http(port);
        HttpResponse<String> form = browser.postForm("/login", "username=" + name + "&password=x&_csrf="
                + Http.encode(Http.csrfFrom(browser.get("/login"))));
        assertThat(form.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).contains("error"));
        assertThat(new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic(name, "x")).statusCode()).isEqualTo(401);

        // an operator holds no user.manage: refused, and recorded
        Person operator = fixtures.userWith("not-a-manager", "operator", "global", null);
        HttpResponse<String> refused = new Http(port).postJson("/api/v1/auth/tokens", "{\"user\":\"" + name + "\"}",
                Http.basic(operator.username(), AccessFixtures.PASSWORD));
        problem(refused, 403, "forbidden");

        // a person makes their own tokens
        problem(new Http(port).postJson("/api/v1/auth/tokens", "{\"user\":\"" + operator.username() + "\"}",
                Http.basic("admin", "tokens-and-account")), 400, "validation");

        HttpResponse<String> issued = new Http(port).postJson("/api/v1/auth/tokens", "{\"user\":\"" + name + "\",\"name\":\"ci\"}",
                Http.basic("admin", "tokens-and-account"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        assertThat(json(issued).path("owner").asString()).isEqualTo(name);
        String botToken = json(issued).path("token").asString();
        assertThat(as(botToken).get("/api/v1/hosts/" + hostA + "/containers").statusCode()).isEqualTo(200);
        problem(as(botToken).get("/api/v1/users"), 403, "forbidden");
        assertThat(json(as(botToken).get("/api/v1/me")).path("user").path("username").asString()).isEqualTo(name);

        List<JsonNode> itsTokens = AccessFixtures.items(admin, "/api/v1/users/" + botId + "/tokens");
        assertThat(itsTokens).singleElement().satisfies(t -> assertThat(t.path("name").asString()).isEqualTo("ci"));
        assertThat(admin.delete("/api/v1/users/" + botId + "/tokens/" + itsTokens.get(0).path("id").asString()).statusCode()).isEqualTo(204);
        assertThat(as(botToken).get("/api/v1/hosts/" + hostA + "/containers").statusCode()).isEqualTo(401);
    }

    @Test
    void aUserManagerCannotMintAnAutomationTokenStrongerThanThemselves() {
        String managers = fixtures.role("user-managers", List.of("user.manage"));
        Person manager = fixtures.userWith("manager", managers, "global", null);
        String name = "deployer-" + AccessFixtures.suffix();
        String botId = json(admin.post("/api/v1/users", Map.of("username", name, "automation", true))).path("id").asString();
        fixtures.bind("user", botId, "operator", "global", null);

        HttpResponse<String> refused = new Http(port).postJson("/api/v1/auth/tokens", "{\"user\":\"" + name + "\"}",
                Http.basic(manager.username(), AccessFixtures.PASSWORD));
        problem(refused, 403, "forbidden");
        assertThat(AccessFixtures.items(admin, "/api/v1/users/" + botId + "/tokens")).isEmpty();
        assertThat(audit.latest(50)).anySatisfy(recorded -> {
            assertThat(recorded.entry().actor()).isEqualTo(manager.username());
            assertThat(recorded.entry().action()).isEqualTo("token.create");
            assertThat(recorded.entry().outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
        });
    }

    @Test
    void usersChangeTheirOwnPasswordOnlyWithTheCurrentOne() {
        Person person = fixtures.user("pw");
        String newPassword = "a brand new password, long";

        JsonNode wrong = problem(person.api().post("/api/v1/me/password",
                Map.of("currentPassword", "not it at all", "newPassword", newPassword)), 400, "validation");
        assertThat(wrong.path("field").asString()).isEqualTo("currentPassword");
        assertThat(basic(person.username(), AccessFixtures.PASSWORD)).isEqualTo(201); // nothing changed
        problem(person.api().post("/api/v1/me/password", Map.of("currentPassword", AccessFixtures.PASSWORD, "newPassword", "short")),
                400, "validation");
        problem(person.api().post("/api/v1/me/password", Map.of("newPassword", newPassword)), 400, "validation");

        assertThat(person.api().post("/api/v1/me/password",
                Map.of("currentPassword", AccessFixtures.PASSWORD, "newPassword", newPassword)).statusCode()).isEqualTo(204);
        assertThat(basic(person.username(), AccessFixtures.PASSWORD)).isEqualTo(401);
        assertThat(basic(person.username(), newPassword)).isEqualTo(201);
        Http browser = new Http(port);
        browser.signIn(person.username(), newPassword);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);
        assertThat(audit.latest(50)).anySatisfy(recorded -> {
            assertThat(recorded.entry().action()).isEqualTo("user.password");
            assertThat(recorded.entry().outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS);
            assertThat(recorded.entry().resource()).isEqualTo(person.username());
        });
    }

    @Test
    void effectiveAccessNamesTheBindingThatGrantsEachPermission() {
        Person person = fixtures.userWith("two-bindings", "viewer", "global", null);
        String viewerBinding = fixtures.bindings().stream().filter(b -> b.path("subject").path("id").asString().equals(person.id()))
                .findFirst().orElseThrow().path("id").asString();
        String team = fixtures.team("ops");
        fixtures.member(team, person, false);
        String operatorBinding = fixtures.bind("team", team, "operator", "group", "tok-a");

        JsonNode onA = json(admin.get("/api/v1/access?user=" + person.username() + "&host=" + hostA));
        assertThat(onA.path("enabled").asBoolean()).isTrue();
        assertThat(onA.path("host").path("id").asString()).isEqualTo(hostA);
        assertThat(sources(onA, "container.lifecycle")).containsExactly(operatorBinding);
        assertThat(grant(onA, "container.lifecycle").path("grantedBy").get(0).path("via").path("type").asString()).isEqualTo("team");
        assertThat(sources(onA, "container.read")).containsExactlyInAnyOrder(viewerBinding, operatorBinding);
        assertThat(onA.path("notGranted").valueStream().map(JsonNode::asString).toList()).contains("container.create", "user.manage");

        JsonNode onB = json(admin.get("/api/v1/access?user=" + person.id() + "&host=" + hostB));
        assertThat(sources(onB, "container.read")).containsExactly(viewerBinding);
        assertThat(onB.path("notGranted").valueStream().map(JsonNode::asString).toList()).contains("container.lifecycle");

        // anyone sees their own; another plain user finds nobody there
        assertThat(json(person.api().get("/api/v1/access?host=" + hostA)).path("user").path("username").asString())
                .isEqualTo(person.username());
        Person stranger = fixtures.userWith("stranger", "viewer", "host", hostA);
        problem(stranger.api().get("/api/v1/access?user=" + person.username()), 404, "not-found");
        problem(stranger.api().get("/api/v1/access?host=" + hostB), 404, "not-found");
        problem(admin.get("/api/v1/access?host=not-a-host"), 400, "validation");
    }

    private static List<String> sources(JsonNode view, String permission) {
        return grant(view, permission).path("grantedBy").valueStream().map(s -> s.path("bindingId").asString()).toList();
    }

    private static JsonNode grant(JsonNode view, String permission) {
        return view.path("granted").valueStream().filter(g -> g.path("permission").asString().equals(permission)).findFirst()
                .orElseThrow(() -> new AssertionError(permission + " is not granted: " + view));
    }

    private int basic(String username, String password) {
        return new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic(username, password)).statusCode();
    }

    private HttpResponse<String> create(Person person, Map<String, Object> body) {
        return new Http(port).postJson("/api/v1/auth/tokens", ApiSession.JSON.writeValueAsString(body),
                Http.basic(person.username(), AccessFixtures.PASSWORD));
    }

    private String token(Person person, Map<String, Object> body) {
        HttpResponse<String> created = create(person, new LinkedHashMap<>(body));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("token").asString();
    }

    /** Calls made with one bearer token. */
    private record As(Http http, String[] bearer) {
        HttpResponse<String> get(String path) {
            return http.get(path, bearer);
        }

        HttpResponse<String> postJson(String path, String body) {
            return http.postJson(path, body, bearer);
        }
    }

    private As as(String token) {
        return new As(new Http(port), Http.bearer(token));
    }

    private String run(String engine, String tag) {
        String id = TestEngines.cli(engine, "run", "-d", "--network", "none", "--name", "wharf-tok-" + AccessFixtures.suffix(),
                TestEngines.IMAGE, "sleep", "300").get(0);
        containers.add(tag + ":" + id);
        return id;
    }

    private static boolean running(String engine, String container) {
        return Boolean.parseBoolean(TestEngines.cli(engine, "inspect", "-f", "{{.State.Running}}", container).get(0).strip());
    }
}
