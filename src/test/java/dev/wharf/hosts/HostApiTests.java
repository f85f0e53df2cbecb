package dev.wharf.hosts;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestPki;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Registering, editing and removing hosts through /api/v1, and every refusal the issue lists. */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=hosts-api")
class HostApiTests {

    static final TestPki.Issued CA = TestPki.ca("CN=Engine CA");
    static final TestPki.Issued CLIENT = TestPki.issue(CA, "CN=wharf-console");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiSession api;

    @BeforeEach
    void signIn() {
        api = new ApiSession(port, "hosts-api");
    }

    @Test
    void aSocketHostIsRegisteredReadEditedAndRemoved() {
        HttpResponse<String> created = api.post("/api/v1/hosts",
                Map.of("name", "lab-socket", "kind", "docker", "endpoint", "unix:///var/run/docker.sock"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode host = json(created);
        String id = host.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/hosts/" + id);
        assertThat(host.propertyNames()).containsExactlyInAnyOrder("id", "name", "group", "kind", "endpoint", "status",
                "statusReason", "tlsSubject", "tlsExpiresAt", "policy");
        assertThat(host.path("status").asString()).isEqualTo("unknown");

        assertThat(json(api.get("/api/v1/hosts/" + id)).path("endpoint").asString()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(json(api.get("/api/v1/hosts")).path("items").findValuesAsString("name")).contains("lab-socket");

        HttpResponse<String> edited = api.put("/api/v1/hosts/" + id,
                Map.of("name", "lab-socket-2", "group", "lab", "kind", "docker", "endpoint", "unix:///run/docker.sock"));
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).path("name").asString()).isEqualTo("lab-socket-2");
        assertThat(json(api.get("/api/v1/groups")).path("items").findValuesAsString("name")).contains("lab");

        assertThat(api.delete("/api/v1/hosts/" + id).statusCode()).isEqualTo(204);
        problem(api.get("/api/v1/hosts/" + id), 404, "not-found");
        assertThat(jdbc.sql("SELECT action FROM audit_event WHERE host_id = :id ORDER BY id").param("id", UUID.fromString(id))
                .query(String.class).list()).containsExactly("host.create", "host.update", "host.delete");
    }

    @Test
    void aTlsHostShowsItsCertificateAndKeepsItsMaterialWhenEditedWithoutTls() {
        JsonNode host = json(api.post("/api/v1/hosts", tlsHost("remote-1", "tcp://127.0.0.1:2376")));

        assertThat(host.path("tlsSubject").asString()).contains("CN=wharf-console");
        assertThat(Instant.parse(host.path("tlsExpiresAt").asString()))
                .isEqualTo(CLIENT.certificate().getNotAfter().toInstant());

        HttpResponse<String> edited = api.put("/api/v1/hosts/" + host.path("id").asString(),
                Map.of("name", "remote-1", "kind", "docker", "endpoint", "tcp://127.0.0.1:2377"));

        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        assertThat(json(edited).path("tlsSubject").asString()).isEqualTo(host.path("tlsSubject").asString());
        assertThat(json(edited).path("endpoint").asString()).isEqualTo("tcp://127.0.0.1:2377");
    }

    @Test
    void eachBadInputIsA400NamingTheFieldAndChangesNothing() {
        TestPki.Issued expired = TestPki.issue(CA, "CN=old", "EC", Instant.now().minus(Duration.ofDays(9)),
                Instant.now().minus(Duration.ofDays(1)));
        TestPki.Issued other = TestPki.issue(CA, "CN=other");
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("endpoint", Map.of("name", "h1", "kind", "docker", "endpoint", "http://docker1:2375"));
        cases.put("endpoint ", Map.of("name", "h1", "kind", "docker", "endpoint", "file:///var/run/docker.sock"));
        cases.put("tls", Map.of("name", "h1", "kind", "docker", "endpoint", "tcp://docker1:2376"));
        cases.put("name", Map.of("name", "-h1", "kind", "docker", "endpoint", "unix:///var/run/docker.sock"));
        cases.put("name ", Map.of("name", "my host", "kind", "docker", "endpoint", "unix:///var/run/docker.sock"));
        cases.put("name  ", Map.of("name", "h\u00011", "kind", "docker", "endpoint", "unix:///var/run/docker.sock"));
        cases.put("tls.cert", withTls("h1", Map.of("ca", CA.certPem(), "cert", "-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----", "key", CLIENT.keyPem())));
        cases.put("tls.key", withTls("h1", Map.of("ca", CA.certPem(), "cert", CLIENT.certPem(), "key", other.keyPem())));
        cases.put("tls.cert ", withTls("h1", Map.of("ca", CA.certPem(), "cert", expired.certPem(), "key", expired.keyPem())));
        cases.put("kind", Map.of("name", "h1", "kind", "podman", "endpoint", "unix:///var/run/docker.sock"));

        cases.forEach((field, body) -> {
            JsonNode refused = problem(api.post("/api/v1/hosts", body), 400, "validation");
            assertThat(refused.path("field").asString()).as(body.toString()).isEqualTo(field.strip());
            assertThat(refused.path("detail").asString()).startsWith(field.strip() + ": ");
        });
        var hosts = api.get("/api/v1/hosts");
        assertThat(hosts.statusCode()).isEqualTo(200);
        assertThat(json(hosts).path("items").findValuesAsString("name")).doesNotContain("h1", "-h1", "my host");
    }

    @Test
    void theEndpointSchemeIsStoredInLowerCaseSoEveryCheckSeesOneSpelling() {
        JsonNode host = json(api.post("/api/v1/hosts", Map.of("name", "shouting", "kind", "docker",
                "endpoint", "UNIX:///var/run/docker.sock")));

        assertThat(host.path("endpoint").asString()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(problem(api.post("/api/v1/hosts", Map.of("name", "shouting-tcp", "kind", "docker",
                "endpoint", "TCP://127.0.0.1:2376")), 400, "validation").path("field").asString()).isEqualTo("tls");
    }

    @Test
    void aDuplicateNameIsA409() {
        api.post("/api/v1/hosts", Map.of("name", "twin", "kind", "docker", "endpoint", "unix:///var/run/docker.sock"));

        JsonNode refused = problem(api.post("/api/v1/hosts",
                Map.of("name", "twin", "kind", "docker", "endpoint", "unix:///run/other.sock")), 409, "conflict");

        assertThat(refused.path("field").asString()).isEqualTo("name");
        assertThat(refused.path("detail").asString()).contains("twin");
    }

    @Test
    void theKindCannotChangeAndUnknownFieldsAreRefused() {
        String id = json(api.post("/api/v1/hosts", Map.of("name", "fixed-kind", "kind", "docker",
                "endpoint", "unix:///var/run/docker.sock"))).path("id").asString();

        assertThat(problem(api.put("/api/v1/hosts/" + id, Map.of("name", "fixed-kind", "kind", "hcs", "endpoint", "local")),
                400, "validation").path("field").asString()).isEqualTo("kind");
        assertThat(problem(api.post("/api/v1/hosts", Map.of("name", "x", "kind", "docker",
                "endpoint", "unix:///var/run/docker.sock", "privileged", true)), 400, "validation").path("detail").asString())
                .contains("privileged");
    }

    @Test
    void anUnknownHostIs404Everywhere() {
        String missing = "/api/v1/hosts/" + UUID.randomUUID();

        problem(api.get(missing), 404, "not-found");
        problem(api.put(missing, Map.of("name", "x", "kind", "docker", "endpoint", "unix:///x.sock")), 404, "not-found");
        problem(api.delete(missing), 404, "not-found");
    }

    static Map<String, Object> tlsHost(String name, String endpoint) {
        return Map.of("name", name, "kind", "docker", "endpoint", endpoint,
                "tls", Map.of("ca", CA.certPem(), "cert", CLIENT.certPem(), "key", CLIENT.keyPem()));
    }

    private static Map<String, Object> withTls(String name, Map<String, String> tls) {
        return Map.of("name", name, "kind", "docker", "endpoint", "tcp://docker1:2376", "tls", tls);
    }
}
