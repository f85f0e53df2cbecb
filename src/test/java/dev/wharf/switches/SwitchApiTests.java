package dev.wharf.switches;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Virtual switches (Docker networks) through /api/v1, all internal: nothing sends traffic to container addresses. */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=switches-api")
class SwitchApiTests {

    @LocalServerPort
    int port;

    @org.junit.jupiter.api.AfterEach
    void removeUnusedNetworks() {
        TestEngines.cli(TestEngines.unix(), "network", "prune", "-f"); // whatever a failed run left behind
    }

    @Test
    void aSwitchIsCreatedAContainerAttachedConnectedAndDisconnectedAndTheSwitchRemoved() {
        ApiSession api = new ApiSession(port, "switches-api");
        TestEngines.ensureImage(TestEngines.unix());
        String host = "/api/v1/hosts/" + json(api.post("/api/v1/hosts", Map.of("name", "switches-engine", "kind", "docker",
                "endpoint", TestEngines.unix()))).path("id").asString();
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String net = "10.77." + new java.util.Random().nextInt(250) + ".";

        HttpResponse<String> first = api.post(host + "/switches", Map.of("name", "wharf-a-" + suffix, "type", "bridge",
                "internal", true, "subnets", List.of(Map.of("subnet", net + "0/24", "gateway", net + "1"))));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode a = json(first);
        assertThat(a.propertyNames()).contains("id", "name", "type", "scope", "internal", "subnets", "adapter", "attached");
        assertThat(a.path("internal").asBoolean()).isTrue();
        assertThat(a.path("type").asString()).isEqualTo("bridge");
        assertThat(a.path("subnets").get(0).path("subnet").asString()).isEqualTo(net + "0/24");
        String b = json(api.post(host + "/switches", Map.of("name", "wharf-b-" + suffix, "internal", true))).path("id").asString();

        String container = json(api.post(host + "/containers", Map.of("image", TestEngines.IMAGE, "command", List.of("sleep", "300"),
                "network", "wharf-a-" + suffix))).path("id").asString();
        try {
            assertThat(api.post(host + "/containers/" + container + "/start", Map.of()).statusCode()).isEqualTo(204);
            JsonNode attachedToA = json(api.get(host + "/switches/" + a.path("id").asString())).path("attached");
            assertThat(attachedToA.findValuesAsString("containerId")).containsExactly(container);
            assertThat(attachedToA.get(0).path("ip").asString()).startsWith(net);

            // switch.manage alone may not plug in a container it may not even read
            AccessFixtures access = new AccessFixtures(port, api);
            ApiSession switchesOnly = access.userWith("switch-manager", access.role("switches-only",
                    List.of("host.read", "switch.read", "switch.manage")), "global", null).api();
            problem(switchesOnly.post(host + "/switches/" + b + "/connect", Map.of("containerId", container)), 403, "forbidden");
            assertThat(TestEngines.cli(TestEngines.unix(), "network", "inspect", "-f", "{{len .Containers}}", "wharf-b-" + suffix))
                    .containsExactly("0");

            assertThat(api.post(host + "/switches/" + b + "/connect", Map.of("containerId", container)).statusCode()).isEqualTo(204);
            assertThat(json(api.get(host + "/switches/wharf-b-" + suffix)).path("attached").findValuesAsString("containerId"))
                    .containsExactly(container);
            assertThat(api.post(host + "/switches/" + b + "/disconnect", Map.of("containerId", container)).statusCode()).isEqualTo(204);
            assertThat(json(api.get(host + "/switches/" + b)).path("attached").isEmpty()).isTrue();
            assertThat(json(api.get(host + "/switches")).path("items").findValuesAsString("name"))
                    .contains("wharf-a-" + suffix, "wharf-b-" + suffix);

            problem(api.delete(host + "/switches/" + a.path("id").asString()), 409, "conflict");
        } finally {
            api.delete(host + "/containers/" + container + "?force=true");
        }
        assertThat(api.delete(host + "/switches/" + a.path("id").asString()).statusCode()).isEqualTo(204);
        assertThat(api.delete(host + "/switches/" + b).statusCode()).isEqualTo(204);
        problem(api.get(host + "/switches/" + b), 404, "not-found");
        problem(api.post(host + "/switches", Map.of("name", "bad", "subnets", List.of(Map.of("subnet", "nope")))), 400, "validation");
    }
}
