package dev.wharf.containers;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.hosts.HostEngines;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Dangerous container settings against the real unix engine: each is refused (403, nothing created)
 * until the host's policy allows it, and once allowed the container really has it. The containers are
 * only created, never started.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=dangerous-settings")
class DangerousSettingsApiTests {

    /** Host paths to bind: {@code data} is what policies allow; {@code database} and {@code etc} lie beside it. */
    final Path hostDir = directories("data/sub", "database", "etc");
    final String data = hostDir.resolve("data").toString();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HostEngines engines;

    ApiSession api;
    String hostId;
    String base;
    final List<String> names = new ArrayList<>();

    @BeforeAll
    void registerTheUnixEngine() {
        api = new ApiSession(port, "dangerous-settings");
        TestEngines.ensureImage(TestEngines.unix());
        HttpResponse<String> registered = api.post("/api/v1/hosts", Map.of("name", "policy-unix", "kind", "docker",
                "endpoint", TestEngines.unix()));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        hostId = json(registered).path("id").asString();
        base = "/api/v1/hosts/" + hostId + "/containers";
    }

    @BeforeEach
    void everySettingStartsDenied() {
        setPolicy(Map.of());
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        names.forEach(name -> api.delete(base + "/" + name + "?force=true"));
        names.clear();
    }

    @AfterAll
    void removeTheHostPaths() throws IOException {
        try (Stream<Path> paths = Files.walk(hostDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** A setting: what the request holds, the field a refusal names, the allowance, and where inspect shows it. */
    Stream<Arguments> settings() {
        return Stream.of(
                setting("privileged", Map.of("privileged", true), "allowPrivileged", true,
                        "/HostConfig/Privileged", "true"),
                setting("mounts[0].source", Map.of("mounts", List.of(Map.of("type", "bind", "source", data + "/sub",
                        "target", "/data", "readOnly", true))), "allowHostMounts", List.of(data), "/Mounts/0/Source",
                        data + "/sub"),
                setting("capAdd", Map.of("capAdd", List.of("CAP_NET_ADMIN")), "allowCapabilities", List.of("net_admin"),
                        "/HostConfig/CapAdd/0", "(CAP_)?NET_ADMIN"),
                setting("devices", Map.of("devices", List.of("/dev/null")), "allowDevices", true,
                        "/HostConfig/Devices/0/PathOnHost", "/dev/null"),
                setting("network", Map.of("network", "host"), "allowHostNamespaces", true,
                        "/HostConfig/NetworkMode", "host"),
                setting("pidMode", Map.of("pidMode", "host"), "allowHostNamespaces", true, "/HostConfig/PidMode", "host"),
                setting("ipcMode", Map.of("ipcMode", "host"), "allowHostNamespaces", true, "/HostConfig/IpcMode", "host"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void eachSettingIsRefusedUntilTheHostsPolicyAllowsIt(String field, Map<String, Object> setting, String allowance,
            Object allowed, String inspectPath, String shown) {
        String name = name(field);
        Map<String, Object> request = request(name, setting);

        for (Map<String, Object> policy : List.of(Map.<String, Object>of(), everythingBut(allowance))) {
            setPolicy(policy);
            JsonNode refused = problem(api.post(base, request), 403, "forbidden");
            assertThat(refused.path("field").asString()).isEqualTo(field);
            assertThat(refused.path("detail").asString()).startsWith(field + ": ")
                    .contains("refused on host 'policy-unix'", "policy allows it (" + allowance + ")");
            assertThat(onTheEngine(name)).as("no container was created").isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'container.create' AND outcome = 'denied' "
                + "AND resource = :name").param("name", name).query(Long.class).single()).isEqualTo(2);

        setPolicy(Map.of(allowance, allowed));
        HttpResponse<String> created = api.post(base, request);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        names.add(name);
        assertThat(inspect(name).at(inspectPath).asString()).matches(shown);
    }

    @Test
    void aBindSourceMustLieUnderAnAllowedPrefixSegmentBySegment() {
        setPolicy(Map.of("allowHostMounts", List.of(data)));
        String name = name("bind");
        String volume = name + "-cache";

        JsonNode beside = problem(api.post(base, request(name, Map.of("mounts", List.of(
                Map.of("type", "volume", "source", volume, "target", "/cache"),
                Map.of("type", "bind", "source", hostDir + "/database", "target", "/db"))))), 403, "forbidden");
        assertThat(beside.path("field").asString()).isEqualTo("mounts[1].source");
        assertThat(TestEngines.cli(TestEngines.unix(), "volume", "ls", "-q", "--filter", "name=" + volume)).isEmpty();

        JsonNode climbing = problem(api.post(base, request(name, Map.of("mounts", List.of(
                Map.of("type", "bind", "source", data + "/../etc", "target", "/etc2"))))), 403, "forbidden");
        assertThat(climbing.path("field").asString()).isEqualTo("mounts[0].source");
        assertThat(climbing.path("detail").asString()).contains("'" + hostDir + "/etc'");

        JsonNode relative = problem(api.post(base, request(name, Map.of("mounts", List.of(
                Map.of("type", "bind", "source", "data/sub", "target", "/data"))))), 400, "validation");
        assertThat(relative.path("field").asString()).isEqualTo("mounts[0].source");
        assertThat(onTheEngine(name)).isEmpty();

        HttpResponse<String> theVeryPrefix = api.post(base, request(name, Map.of("mounts", List.of(
                Map.of("type", "bind", "source", data + "/", "target", "/data")))));
        assertThat(theVeryPrefix.statusCode()).as(theVeryPrefix.body()).isEqualTo(201);
        names.add(name);
    }

    @Test
    void aLocalVolumeBoundToAHostPathNeedsTheSameAllowance() {
        String volume = name("volume");
        Map<String, Object> request = Map.of("name", volume, "driver", "local",
                "options", Map.of("type", "none", "o", "bind", "device", hostDir.resolve("etc").toString()));
        String volumes = "/api/v1/hosts/" + hostId + "/volumes";

        JsonNode refused = ApiSession.problem(api.post(volumes, request), 403, "forbidden");

        assertThat(refused.path("field").asString()).isEqualTo("options");
        assertThat(TestEngines.cli(TestEngines.unix(), "volume", "ls", "-q", "--filter", "name=" + volume)).isEmpty();
        assertThat(ApiSession.problem(api.post(volumes, Map.of("name", volume, "options", Map.of("device", "/dev/sda1"))), 403,
                "forbidden").path("field").asString()).as("a block device is no host path a policy can allow").isEqualTo("options");
        assertThat(ApiSession.problem(api.post(volumes, Map.of("name", volume, "options", Map.of("type", "overlay",
                "o", "lowerdir=/,upperdir=/tmp/u,workdir=/tmp/w", "device", "overlay"))), 403, "forbidden").path("field").asString())
                .as("an overlay over the host's root").isEqualTo("options");

        setPolicy(Map.of("allowHostMounts", List.of(hostDir.resolve("etc").toString())));
        try {
            assertThat(api.post(volumes, request).statusCode()).isEqualTo(201);
        } finally {
            api.delete(volumes + "/" + volume);
        }
    }

    @Test
    void changingThePolicyKeepsTheHostsEngineAndWatcher() {
        await().atMost(Duration.ofSeconds(20)).until(() -> "up".equals(json(api.get("/api/v1/hosts/" + hostId))
                .path("status").asString()));
        ContainerEngine engine = engines.engine(UUID.fromString(hostId));

        JsonNode changed = json(api.put("/api/v1/hosts/" + hostId + "/policy", Map.of("allowPrivileged", true)));

        assertThat(changed.path("status").asString()).as("the watcher was not restarted").isEqualTo("up");
        assertThat(engines.engine(UUID.fromString(hostId))).as("the engine was not reopened").isSameAs(engine);
        // an edit does reopen both, so the two checks above would notice
        api.put("/api/v1/hosts/" + hostId, Map.of("name", "policy-unix", "kind", "docker", "endpoint", TestEngines.unix()));
        assertThat(engines.engine(UUID.fromString(hostId))).isNotSameAs(engine);
    }

    private static Arguments setting(String field, Map<String, Object> request, String allowance, Object allowed,
            String inspectPath, String shown) {
        return Arguments.of(field, request, allowance, allowed, inspectPath, shown);
    }

    /** Every allowance but one, so each is seen to open its own setting and no other. */
    private Map<String, Object> everythingBut(String allowance) {
        Map<String, Object> policy = new HashMap<>(Map.of("allowPrivileged", true, "allowHostMounts", List.of("/"),
                "allowCapabilities", List.of("ALL"), "allowDevices", true, "allowHostNamespaces", true));
        policy.remove(allowance);
        return policy;
    }

    private Map<String, Object> request(String name, Map<String, Object> setting) {
        Map<String, Object> request = new HashMap<>(Map.of("name", name, "image", TestEngines.IMAGE,
                "command", List.of("sleep", "300"), "network", "none"));
        request.putAll(setting);
        return request;
    }

    private void setPolicy(Map<String, Object> policy) {
        HttpResponse<String> set = api.put("/api/v1/hosts/" + hostId + "/policy", policy);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    }

    private static List<String> onTheEngine(String name) {
        return TestEngines.cli(TestEngines.unix(), "ps", "-a", "-q", "--filter", "name=^/" + name + "$");
    }

    private static JsonNode inspect(String name) {
        return ApiSession.JSON.readTree(String.join("\n", TestEngines.cli(TestEngines.unix(), "inspect", name))).get(0);
    }

    private static String name(String field) {
        return "wharf-policy-" + field.replaceAll("[^a-zA-Z]", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Path directories(String... paths) {
        try {
            Path root = Files.createTempDirectory("wharf-policy-");
            for (String path : paths) {
                Files.createDirectories(root.resolve(path));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
