package dev.wharf.hosts;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A host's policy on dangerous container settings through {@code PUT /api/v1/hosts/{hostId}/policy}. */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=host-policy")
class HostPolicyApiTests {

    static final Map<String, Object> DENY_ALL = Map.of("allowPrivileged", false, "allowHostMounts", List.of(),
            "allowCapabilities", List.of(), "allowDevices", false, "allowHostNamespaces", false);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiSession api;
    String id;

    @BeforeEach
    void registerAHost() {
        api = new ApiSession(port, "host-policy");
        HttpResponse<String> created = api.post("/api/v1/hosts", Map.of("name", "policy-" + UUID.randomUUID().toString()
                .substring(0, 8), "kind", "docker", "endpoint", "unix:///var/run/docker.sock"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        id = json(created).path("id").asString();
    }

    @Test
    void aNewHostDeniesEveryDangerousSetting() {
        assertThat(policyOf(api.get("/api/v1/hosts/" + id))).isEqualTo(DENY_ALL);
    }

    @Test
    void aPolicyIsStoredNormalisedAndShownWithTheHost() {
        HttpResponse<String> set = api.put("/api/v1/hosts/" + id + "/policy", Map.of("allowPrivileged", true,
                "allowHostMounts", List.of("/srv/data/", "C:/Data//Logs", "/srv/./data"),
                "allowCapabilities", List.of("cap_net_admin", "SYS_TIME", "NET_ADMIN"), "allowDevices", true));

        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        Map<String, Object> expected = Map.of("allowPrivileged", true, "allowHostMounts", List.of("/srv/data", "C:\\Data\\Logs"),
                "allowCapabilities", List.of("NET_ADMIN", "SYS_TIME"), "allowDevices", true, "allowHostNamespaces", false);
        assertThat(policyOf(set)).isEqualTo(expected);
        assertThat(json(set).path("id").asString()).isEqualTo(id);
        assertThat(policyOf(api.get("/api/v1/hosts/" + id))).isEqualTo(expected);
        JsonNode listed = json(api.get("/api/v1/hosts")).path("items").valueStream()
                .filter(host -> host.path("id").asString().equals(id)).findFirst().orElseThrow();
        assertThat(ApiSession.JSON.convertValue(listed.path("policy"), Map.class)).isEqualTo(expected);
        assertThat(jdbc.sql("SELECT detail FROM audit_event WHERE host_id = :id AND action = 'host.policy' AND outcome = 'success'")
                .param("id", UUID.fromString(id)).query(String.class).single()).contains("/srv/data", "NET_ADMIN");
    }

    @Test
    void aPutReplacesTheWholePolicySoWhatItLeavesOutIsDenied() {
        api.put("/api/v1/hosts/" + id + "/policy", Map.of("allowPrivileged", true, "allowCapabilities", List.of("ALL")));

        HttpResponse<String> replaced = api.put("/api/v1/hosts/" + id + "/policy", Map.of("allowDevices", true));

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        Map<String, Object> onlyDevices = new LinkedHashMap<>(DENY_ALL);
        onlyDevices.put("allowDevices", true);
        assertThat(policyOf(replaced)).isEqualTo(onlyDevices);
        assertThat(policyOf(api.put("/api/v1/hosts/" + id + "/policy", Map.of()))).isEqualTo(DENY_ALL);
    }

    @Test
    void eachBadEntryIsA400NamingItAndChangesNothing() {
        Map<String, Object> before = Map.of("allowHostMounts", List.of("/srv/data"));
        api.put("/api/v1/hosts/" + id + "/policy", before);
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("allowHostMounts[0]", Map.of("allowHostMounts", List.of("data")));
        cases.put("allowHostMounts[1]", Map.of("allowHostMounts", List.of("/srv", "/srv/../etc")));
        cases.put("allowHostMounts[1] ", Map.of("allowHostMounts", List.of("/srv", "")));
        cases.put("allowHostMounts[1]  ", Map.of("allowHostMounts", Arrays.asList("/srv", null)));
        cases.put("allowHostMounts[0] ", Map.of("allowHostMounts", List.of("C:data")));
        cases.put("allowHostMounts[0]  ", Map.of("allowHostMounts", List.of("/srv/da\nta")));
        cases.put("allowCapabilities[0]", Map.of("allowCapabilities", List.of("NET ADMIN")));
        cases.put("allowCapabilities[1]", Map.of("allowCapabilities", List.of("NET_ADMIN", "CAP_")));

        cases.forEach((field, body) -> {
            JsonNode refused = problem(api.put("/api/v1/hosts/" + id + "/policy", body), 400, "validation");
            assertThat(refused.path("field").asString()).as(body.toString()).isEqualTo(field.strip());
            assertThat(refused.path("detail").asString()).startsWith(field.strip() + ": ");
        });
        assertThat(json(api.get("/api/v1/hosts/" + id)).path("policy").path("allowHostMounts").valueStream()
                .map(JsonNode::asString).toList()).containsExactly("/srv/data");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE host_id = :id AND action = 'host.policy' AND outcome = 'failure'")
                .param("id", UUID.fromString(id)).query(Long.class).single()).isEqualTo(cases.size());
    }

    @Test
    void unknownFieldsAndWrongTypesAreRefused() {
        assertThat(problem(api.put("/api/v1/hosts/" + id + "/policy", Map.of("allowEverything", true)), 400, "validation")
                .path("detail").asString()).contains("allowEverything");
        problem(api.put("/api/v1/hosts/" + id + "/policy", Map.of("allowHostMounts", "/srv")), 400, "validation");
        problem(api.put("/api/v1/hosts/" + id + "/policy", Map.of("allowPrivileged", "yes please")), 400, "validation");
        assertThat(policyOf(api.get("/api/v1/hosts/" + id))).isEqualTo(DENY_ALL);
    }

    @Test
    void anUnknownHostIs404() {
        problem(api.put("/api/v1/hosts/" + UUID.randomUUID() + "/policy", Map.of("allowPrivileged", true)), 404, "not-found");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyOf(HttpResponse<String> host) {
        assertThat(host.statusCode()).as(host.body()).isEqualTo(200);
        return ApiSession.JSON.convertValue(json(host).path("policy"), Map.class);
    }
}
