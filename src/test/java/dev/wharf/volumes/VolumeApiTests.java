package dev.wharf.volumes;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Volumes through /api/v1 against a real engine. */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=volumes-api")
class VolumeApiTests {

    @LocalServerPort
    int port;

    @Test
    void volumesAreCreatedListedInUseKeptAndRemoved() {
        ApiSession api = new ApiSession(port, "volumes-api");
        TestEngines.ensureImage(TestEngines.unix());
        String host = "/api/v1/hosts/" + json(api.post("/api/v1/hosts", Map.of("name", "volumes-engine", "kind", "docker",
                "endpoint", TestEngines.unix()))).path("id").asString();
        String name = "wharf-vol-" + UUID.randomUUID().toString().substring(0, 8);

        var created = api.post(host + "/volumes", Map.of("name", name, "labels", Map.of("team", "wharf")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode volume = json(created);
        assertThat(volume.path("name").asString()).isEqualTo(name);
        assertThat(volume.path("driver").asString()).isEqualTo("local");
        assertThat(volume.path("labels").path("team").asString()).isEqualTo("wharf");
        assertThat(volume.path("createdAt").asString()).isNotBlank();
        assertThat(json(api.get(host + "/volumes")).path("items").findValuesAsString("name")).contains(name);
        assertThat(TestEngines.cli(TestEngines.unix(), "volume", "ls", "-q")).contains(name);

        String container = json(api.post(host + "/containers", Map.of("image", TestEngines.IMAGE, "command", List.of("true"),
                "network", "none", "mounts", List.of(Map.of("type", "volume", "source", name, "target", "/data"))))).path("id").asString();
        problem(api.delete(host + "/volumes/" + name), 409, "conflict");
        assertThat(json(api.post(host + "/volumes/prune?dryRun=true", Map.of())).path("removed").toString()).doesNotContain(name);
        api.delete(host + "/containers/" + container + "?force=true");

        assertThat(json(api.post(host + "/volumes/prune?dryRun=true", Map.of())).path("removed").toString()).contains(name);
        assertThat(api.delete(host + "/volumes/" + name).statusCode()).isEqualTo(204);
        problem(api.get(host + "/volumes/" + name), 404, "not-found");
        assertThat(TestEngines.cli(TestEngines.unix(), "volume", "ls", "-q")).doesNotContain(name);

        String unused = json(api.post(host + "/volumes", Map.of("name", name + "-unused"))).path("name").asString();
        JsonNode pruned = json(api.post(host + "/volumes/prune", Map.of()));
        assertThat(pruned.path("dryRun").asBoolean()).isFalse();
        assertThat(pruned.path("removed").toString()).contains(unused);
        assertThat(TestEngines.cli(TestEngines.unix(), "volume", "ls", "-q")).doesNotContain(unused);
    }
}
