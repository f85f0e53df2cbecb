package dev.wharf.access;

import static dev.wharf.testing.Http.basic;
import static dev.wharf.testing.Http.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole console on a random port, as a browser, curl and a CI pipeline use it. */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "wharf.admin-password=" + SignInAndApiTokensTests.PASSWORD)
class SignInAndApiTokensTests {

    static final String PASSWORD = "correct horse battery staple";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void healthIsUpWithoutSigningIn() {
        HttpResponse<String> health = http.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void pagesRedirectToTheSignInFormWhichCarriesACsrfToken() {
        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        HttpResponse<String> login = http.get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"password\"", "name=\"_csrf\"");
    }

    @Test
    void theAdminSignsInWithTheFormAndSeesTheConsole() {
        HttpResponse<String> signedIn = http.postForm("/login",
                "username=admin&password=" + Http.encode(PASSWORD) + "&_csrf=" + Http.encode(Http.csrfFrom(http.get("/login"))));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        HttpResponse<String> home = http.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Signed in as", "admin");
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() {
        http.get("/login");
        HttpResponse<String> forged = http.postForm("/login", "username=admin&password=" + Http.encode(PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(http.get("/").statusCode()).isEqualTo(302); // still not signed in
    }

    @Test
    void aWrongPasswordDoesNotSignIn() {
        HttpResponse<String> refused = http.postForm("/login",
                "username=admin&password=wrong&_csrf=" + Http.encode(Http.csrfFrom(http.get("/login"))));

        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/login?error"));
        assertThat(http.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void apiCallsWithoutCredentialsGet401ProblemDetail() {
        HttpResponse<String> anonymous = http.get("/api/v1/tokens");

        assertUnauthorized(anonymous);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void aPipelineTradesItsPasswordForATokenAndUsesIt() {
        Instant before = Instant.now();
        HttpResponse<String> created = http.send(http.request("/api/v1/auth/tokens")
                .headers(basic("admin", PASSWORD)).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = json(created);
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "token", "owner", "expiresAt", "permissions", "scopes");
        assertThat(body.path("owner").asString()).isEqualTo("admin");
        assertThat(body.path("permissions").size()).isEqualTo(Permission.values().length); // no limit: all the admin holds
        String token = body.path("token").asString();
        assertThat(token).startsWith("wharf_").hasSizeGreaterThan(40);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/tokens/" + body.path("id").asString());
        Instant expiresAt = Instant.parse(body.path("expiresAt").asString());
        assertThat(expiresAt).isBetween(before.plus(Duration.ofDays(90)).minusSeconds(5), Instant.now().plus(Duration.ofDays(90)));

        HttpResponse<String> listed = http.get("/api/v1/tokens", bearer(token));
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode page = json(listed);
        assertThat(page.path("items").findValuesAsString("id")).contains(body.path("id").asString());
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(100);
        assertThat(listed.body()).doesNotContain(token);
    }

    @Test
    void tokensAreStoredOnlyAsTheirSha256() {
        String token = createToken("{\"name\":\"hash-check\"}");

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_token WHERE name = 'hash-check'").query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values()).noneMatch(value -> value != null && value.toString().contains(token.substring(6)));
        assertThat(rows.get(0).get(key(rows.get(0), "token_hash")).toString().trim()).isEqualTo(ApiTokenStore.sha256(token));
    }

    @Test
    void aTokenInTheQueryStringIsRefusedEvenWithAValidHeader() {
        String token = createToken("");

        assertUnauthorized(http.get("/api/v1/tokens?access_token=" + token, bearer(token)));
        assertUnauthorized(http.get("/api/v1/tokens?q=" + token));
        assertThat(http.get("/api/v1/tokens?page=0", bearer(token)).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenCannotCreateMoreTokens() {
        String token = createToken("");

        assertProblem(http.postJson("/api/v1/auth/tokens", "{}", bearer(token)), 403, "forbidden");
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'token.create' AND outcome = 'denied'")
                .query(String.class).list()).isNotEmpty();
    }

    @Test
    void httpBasicWorksOnlyForCreatingATokenAndOnlyWithTheRightPassword() {
        assertUnauthorized(http.get("/api/v1/tokens", basic("admin", PASSWORD)));
        assertUnauthorized(http.postJson("/api/v1/auth/tokens", "{}", basic("admin", "wrong")));
        assertUnauthorized(http.postJson("/api/v1/auth/tokens", "{}", basic("nobody", PASSWORD)));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = createToken("{\"name\":\"short-lived\",\"expiresInDays\":1}");
        assertThat(http.get("/api/v1/tokens", bearer(token)).statusCode()).isEqualTo(200);

        jdbc.sql("UPDATE api_token SET expires_at = :past WHERE token_hash = :hash")
                .param("past", java.sql.Timestamp.from(Instant.now().minusSeconds(1)))
                .param("hash", ApiTokenStore.sha256(token))
                .update();

        assertUnauthorized(http.get("/api/v1/tokens", bearer(token)));
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String token = createToken("");
        String id = json(http.get("/api/v1/tokens", bearer(token))).path("items").get(0).path("id").asString();

        HttpResponse<String> revoked = http.send(http.request("/api/v1/tokens/" + id).headers(bearer(token)).DELETE());

        assertThat(revoked.statusCode()).isEqualTo(204);
        assertUnauthorized(http.get("/api/v1/tokens", bearer(token)));
    }

    @Test
    void aMadeUpTokenIsRefused() {
        assertUnauthorized(http.get("/api/v1/tokens", bearer("wharf_" + "A".repeat(43))));
        assertUnauthorized(http.get("/api/v1/tokens", bearer("not-even-ours")));
    }

    @Test
    void badInputGetsA400ThatNamesTheField() {
        HttpResponse<String> unknown = http.postJson("/api/v1/auth/tokens", "{\"nmae\":\"typo\"}", basic("admin", PASSWORD));
        assertProblem(unknown, 400, "validation");
        assertThat(json(unknown).path("detail").asString()).contains("nmae");

        HttpResponse<String> tooLong = http.postJson("/api/v1/auth/tokens", "{\"expiresInDays\":9999}", basic("admin", PASSWORD));
        assertProblem(tooLong, 400, "validation");
        assertThat(json(tooLong).path("detail").asString()).contains("expiresInDays");

        HttpResponse<String> broken = http.postJson("/api/v1/auth/tokens", "{not json", basic("admin", PASSWORD));
        assertProblem(broken, 400, "validation");
        assertThat(broken.body()).doesNotContain("Exception", "tools.jackson");
    }

    @Test
    void unknownApiPathsAndOtherUsersTokensAre404ProblemDetail() {
        String token = createToken("");

        assertProblem(http.get("/api/v1/no-such-thing", bearer(token)), 404, "not-found");
        assertProblem(http.get("/api/v1/tokens/" + java.util.UUID.randomUUID(), bearer(token)), 404, "not-found");
        assertProblem(http.send(http.request("/api/v1/tokens").headers(bearer(token))
                .PUT(HttpRequest.BodyPublishers.noBody())), 405, "method-not-allowed");
    }

    @Test
    void unknownPagesShowTheErrorPageNotAStackTrace() {
        http.signIn("admin", PASSWORD);

        HttpResponse<String> missing = http.get("/no-such-page", "Accept", "text/html");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(missing.body()).contains("Not found", "Wharf").doesNotContain("Exception", "at dev.wharf");
    }

    @Test
    void tokenCreationIsAudited() {
        createToken("{\"name\":\"audited\"}");

        List<String> actions = jdbc.sql("SELECT action FROM audit_event WHERE actor = 'admin' AND detail = 'name: audited'")
                .query(String.class).list();
        assertThat(actions).containsExactly("token.create");
    }

    private String createToken(String json) {
        HttpResponse<String> created = http.postJson("/api/v1/auth/tokens", json.isEmpty() ? "{}" : json, basic("admin", PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("token").asString();
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertProblem(response, 401, "unauthorized");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://wharf.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Column names come back upper case on H2 and lower case on PostgreSQL. */
    private static String key(Map<String, Object> row, String column) {
        return row.keySet().stream().filter(k -> k.equalsIgnoreCase(column)).findFirst().orElseThrow();
    }
}
