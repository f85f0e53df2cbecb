package dev.wharf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API as a pipeline uses it: one bearer token, traded for the admin's password once. */
public final class ApiSession {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final Http http;
    private final String[] bearer;
    private final String token;

    public ApiSession(int port, String adminPassword) {
        this(new Http(port), adminPassword);
    }

    public ApiSession(Http http, String adminPassword) {
        this(http, "admin", adminPassword);
    }

    /** Any user's session: their password traded for a token of theirs. */
    public ApiSession(Http http, String username, String password) {
        this.http = http;
        HttpResponse<String> created = http.postJson("/api/v1/auth/tokens", "{}", Http.basic(username, password));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        this.token = json(created).path("token").asString();
        this.bearer = Http.bearer(token);
    }

    /** The bearer token, for clients of its own (an event stream). */
    public String token() {
        return token;
    }

    public HttpResponse<String> get(String path) {
        return http.get(path, bearer);
    }

    public HttpResponse<String> post(String path, Object body) {
        return http.postJson(path, JSON.writeValueAsString(body), bearer);
    }

    public HttpResponse<String> put(String path, Object body) {
        return http.send(http.request(path).headers(bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public HttpResponse<String> delete(String path) {
        return http.send(http.request(path).headers(bearer).DELETE());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Asserts a ProblemDetail with the given status and type, and returns it. */
    public static JsonNode problem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://wharf.dev/problems/" + type);
        return problem;
    }
}
