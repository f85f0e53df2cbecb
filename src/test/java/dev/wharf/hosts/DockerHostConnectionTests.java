package dev.wharf.hosts;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Reaching real engines: the version and facts they report, TLS refusals, open engines, and dead hosts. */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=connections")
class DockerHostConnectionTests {

    @LocalServerPort
    int port;

    ApiSession api;

    @BeforeEach
    void signIn() {
        api = new ApiSession(port, "connections");
    }

    @Test
    void hostInfoReportsTheEngineAndPinsTheApiVersionToTheDaemons() {
        String id = register("info-unix", TestEngines.unix(), null);

        JsonNode info = json(api.get("/api/v1/hosts/" + id + "/info"));

        String daemonApi = TestEngines.cli(TestEngines.unix(), "version", "--format", "{{.Server.APIVersion}}").get(0);
        assertThat(info.path("apiVersion").asString()).isEqualTo(daemonApi);
        assertThat(info.path("engineVersion").asString())
                .isEqualTo(TestEngines.cli(TestEngines.unix(), "version", "--format", "{{.Server.Version}}").get(0));
        assertThat(info.path("storageDriver").asString()).isEqualTo("vfs");
        assertThat(info.path("cpus").asInt()).isPositive();
        assertThat(info.path("memoryBytes").asLong()).isPositive();
        assertThat(info.path("kernelVersion").asString()).isNotBlank();
        assertThat(info.path("containers").has("running")).isTrue();
        assertThat(info.path("images").asInt()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void testingAConnectionReportsWhatAnswersWithoutSaving() {
        JsonNode tested = json(api.post("/api/v1/hosts/test", tlsHost("tested", TestEngines.tls(), "WHARF_TEST_TLS")));

        assertThat(tested.path("ok").asBoolean()).as(tested.toString()).isTrue();
        assertThat(tested.path("engineVersion").asString()).isNotBlank();
        assertThat(tested.path("apiVersion").asString()).isNotBlank();
        assertThat(tested.path("os").asString()).isNotBlank();
        var hosts = api.get("/api/v1/hosts");
        assertThat(hosts.statusCode()).isEqualTo(200);
        assertThat(json(hosts).path("items").findValuesAsString("name")).doesNotContain("tested");
    }

    @Test
    void theTlsEngineRefusesClientsWithoutACertificateOrWithAnotherCasCertificate() throws Exception {
        HttpClient noCertificate = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
                .sslContext(new dev.wharf.engine.EngineTarget.TlsMaterial(TestEngines.pem("WHARF_TEST_TLS_CA"), null, null)
                        .sslContext(false)).build();
        String https = TestEngines.tls().replace("tcp://", "https://") + "/version";
        assertThatThrownBy(() -> noCertificate.send(HttpRequest.newBuilder(URI.create(https)).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);

        JsonNode tested = json(api.post("/api/v1/hosts/test", tlsHost("other-ca", TestEngines.tls(), "WHARF_TEST_TLS_OTHER")));
        assertThat(tested.path("ok").asBoolean()).isFalse();
        assertThat(tested.path("error").asString()).contains("TLS", "other-ca");

        String id = register("other-ca-host", TestEngines.tls(), "WHARF_TEST_TLS_OTHER");
        JsonNode refused = problem(api.get("/api/v1/hosts/" + id + "/info"), 502, "host-unavailable");
        assertThat(refused.path("detail").asString()).contains("other-ca-host", "TLS");
        assertThat(refused.path("hostId").asString()).isEqualTo(id);
    }

    @Test
    void anEngineThatAcceptsClientsWithoutACertificateIsRefusedAtRegistration() {
        JsonNode refused = problem(api.post("/api/v1/hosts", tlsHost("open-engine", TestEngines.noVerify(), "WHARF_TEST_TLS")),
                400, "validation");

        assertThat(refused.path("field").asString()).isEqualTo("endpoint");
        assertThat(refused.path("detail").asString()).contains("without a certificate", "--tlsverify");
        var hosts = api.get("/api/v1/hosts");
        assertThat(hosts.statusCode()).isEqualTo(200);
        assertThat(json(hosts).path("items").findValuesAsString("name")).doesNotContain("open-engine");
    }

    @Test
    void aKilledEngineFailsFastWhileTheOtherHostKeepsAnswering() throws Exception {
        TestEngines.ensureImage(TestEngines.spare());
        String spare = register("spare-engine", TestEngines.spare(), null);
        String healthy = register("healthy-engine", TestEngines.unix(), null);
        JsonNode container = json(api.post("/api/v1/hosts/" + spare + "/containers",
                Map.of("image", TestEngines.IMAGE, "command", List.of("sleep", "300"), "network", "none")));
        assertThat(api.get("/api/v1/hosts/" + spare + "/info").statusCode()).isEqualTo(200);

        long pid = Long.parseLong(Files.readString(TestEngines.sparePidFile()).strip());
        ProcessHandle spareDaemon = ProcessHandle.of(pid).orElseThrow();
        assertThat(spareDaemon.destroyForcibly()).as("SIGKILL to the spare dockerd (needs root)").isTrue();
        spareDaemon.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);

        Instant before = Instant.now();
        HttpResponse<String> stop = api.post("/api/v1/hosts/" + spare + "/containers/" + container.path("id").asString() + "/stop", Map.of());
        Duration stopTook = Duration.between(before, Instant.now());
        before = Instant.now();
        HttpResponse<String> info = api.get("/api/v1/hosts/" + spare + "/info");
        Duration infoTook = Duration.between(before, Instant.now());

        assertThat(stop.statusCode()).as(stop.body()).isIn(502, 504);
        assertThat(info.statusCode()).as(info.body()).isIn(502, 504);
        assertThat(json(info).path("detail").asString()).contains("spare-engine");
        assertThat(stopTook).isLessThan(Duration.ofSeconds(5));
        assertThat(infoTook).isLessThan(Duration.ofSeconds(5));
        assertThat(api.get("/api/v1/hosts/" + healthy + "/info").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/hosts/" + healthy + "/containers?all=true").statusCode()).isEqualTo(200);
    }

    private String register(String name, String endpoint, String tlsPrefix) {
        Map<String, Object> body = tlsPrefix == null
                ? Map.of("name", name, "kind", "docker", "endpoint", endpoint)
                : tlsHost(name, endpoint, tlsPrefix);
        HttpResponse<String> registered = api.post("/api/v1/hosts", body);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asString();
    }

    private static Map<String, Object> tlsHost(String name, String endpoint, String prefix) {
        return Map.of("name", name, "kind", "docker", "endpoint", endpoint, "tls", Map.of(
                "ca", TestEngines.pem("WHARF_TEST_TLS_CA"), "cert", TestEngines.pem(prefix + "_CERT"), "key", TestEngines.pem(prefix + "_KEY")));
    }
}
