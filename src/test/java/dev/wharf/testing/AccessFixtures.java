package dev.wharf.testing;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Users, teams, bindings and hosts made by the admin through the API, as an administrator sets access up:
 * every call is asserted to succeed, so a test reads as what it is about.
 */
public final class AccessFixtures {

    /** Every fixture user's password (at least 12 characters). */
    public static final String PASSWORD = "a password for fixture users";

    private final int port;
    private final ApiSession admin;

    public AccessFixtures(int port, ApiSession admin) {
        this.port = port;
        this.admin = admin;
    }

    /** A user of the console, and a token of theirs. */
    public record Person(String id, String username, ApiSession api) {}

    /** A new enabled user with no bindings, signed in to the API with a token of their own. */
    public Person user(String prefix) {
        String username = prefix + "-" + suffix();
        HttpResponse<String> created = admin.post("/api/v1/users",
                Map.of("username", username, "password", PASSWORD, "displayName", username));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new Person(json(created).path("id").asString(), username, new ApiSession(new Http(port), username, PASSWORD));
    }

    /** A new user holding {@code role} at a scope ({@code global}, {@code group <name>} or {@code host <id>}). */
    public Person userWith(String prefix, String role, String scopeType, String scopeId) {
        Person person = user(prefix);
        bind("user", person.id(), role, scopeType, scopeId);
        return person;
    }

    /** The body of {@code POST /api/v1/bindings}; {@code scopeId} null for global. */
    public static Map<String, Object> binding(String subjectType, String subjectId, String role, String scopeType, String scopeId) {
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put("type", scopeType);
        if (scopeId != null) {
            scope.put("id", scopeId);
        }
        return Map.of("subject", Map.of("type", subjectType, "id", subjectId), "role", role, "scope", scope);
    }

    /** Binds as the admin; answers the binding's id. */
    public String bind(String subjectType, String subjectId, String role, String scopeType, String scopeId) {
        HttpResponse<String> bound = admin.post("/api/v1/bindings", binding(subjectType, subjectId, role, scopeType, scopeId));
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(201);
        return json(bound).path("id").asString();
    }

    /** A custom role, made by the admin. */
    public String role(String prefix, List<String> permissions) {
        String name = prefix + "-" + suffix();
        HttpResponse<String> made = admin.post("/api/v1/roles", Map.of("name", name, "description", "made by a test",
                "permissions", permissions));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return name;
    }

    public String team(String prefix) {
        HttpResponse<String> made = admin.post("/api/v1/teams", Map.of("name", prefix + "-" + suffix()));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        return json(made).path("id").asString();
    }

    public void member(String teamId, Person person, boolean teamAdmin) {
        HttpResponse<String> added = admin.post("/api/v1/teams/" + teamId + "/members",
                Map.of("userId", person.id(), "teamAdmin", teamAdmin));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
    }

    /** Registers a docker host; {@code group} may be null. Answers its id. */
    public String host(String name, String group, String endpoint) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", name, "kind", "docker", "endpoint", endpoint));
        if (group != null) {
            body.put("group", group);
        }
        HttpResponse<String> registered = admin.post("/api/v1/hosts", body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asString();
    }

    /** Every binding, as the admin sees them. */
    public List<JsonNode> bindings() {
        return items(admin, "/api/v1/bindings?size=1000");
    }

    /** A team as the admin sees it, members included. */
    public JsonNode teamView(String teamId) {
        HttpResponse<String> team = admin.get("/api/v1/teams/" + teamId);
        assertThat(team.statusCode()).as(team.body()).isEqualTo(200);
        return json(team);
    }

    /** The {@code items} of a page, asserting a 200. */
    public static List<JsonNode> items(ApiSession api, String path) {
        HttpResponse<String> page = api.get(path);
        assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        json(page).path("items").forEach(items::add);
        return items;
    }

    public static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
