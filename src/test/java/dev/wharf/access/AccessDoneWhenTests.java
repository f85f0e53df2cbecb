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
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * The access-control issue's "Done when", against the real engines: host A on the unix engine, host B on the
 * second (TLS) engine, each with a running container of its own.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=done-when")
class AccessDoneWhenTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    ApiSession admin;
    AccessFixtures fixtures;
    String hostA;
    String hostB;

    @BeforeAll
    void twoHostsWithARunningContainerEach() {
        admin = new ApiSession(port, "done-when");
        fixtures = new AccessFixtures(port, admin);
        TestEngines.ensureImage(TestEngines.unix());
        TestEngines.ensureImage(TestEngines.tlsSocket());
        hostA = fixtures.host("done-a-" + AccessFixtures.suffix(), "done-a", TestEngines.unix());
        hostB = fixtures.host("done-b-" + AccessFixtures.suffix(), "done-b", TestEngines.tlsSocket());
    }

    @AfterAll
    void removeHosts() {
        if (hostA != null) {
            admin.delete("/api/v1/hosts/" + hostA);
        }
        if (hostB != null) {
            admin.delete("/api/v1/hosts/" + hostB);
        }
    }

    @Test
    void aViewerListsContainersButCannotStopOneAndTheEngineKeepsItRunning() {
        Person viewer = fixtures.userWith("viewer", "viewer", "global", null);
        String name = "wharf-done-viewer-" + AccessFixtures.suffix();
        String id = run(TestEngines.unix(), name);
        try {
            String containers = "/api/v1/hosts/" + hostA + "/containers";
            await().atMost(WAIT).untilAsserted(() -> {
                HttpResponse<String> listed = viewer.api().get(containers + "?all=true");
                assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
                assertThat(json(listed).path("items")).anySatisfy(c -> {
                    assertThat(c.path("id").asString()).isEqualTo(id);
                    assertThat(c.path("state").asString()).isEqualTo("running");
                });
            });

            problem(viewer.api().post(containers + "/" + id + "/stop?timeout=1", Map.of()), 403, "forbidden");

            assertThat(running(TestEngines.unix(), id)).isTrue();
            assertThat(deniedTo(viewer)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("container.lifecycle");
                assertThat(e.hostId()).hasToString(hostA);
            });
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", id);
        }
    }

    @Test
    void anOperatorOnHostAOperatesThereAndHostBDoesNotExistForThem() {
        Person operator = fixtures.userWith("operator", "operator", "host", hostA);
        String onA = run(TestEngines.unix(), "wharf-done-a-" + AccessFixtures.suffix());
        String nameOnB = "wharf-done-b-" + AccessFixtures.suffix();
        String onB = run(TestEngines.tlsSocket(), nameOnB);
        try {
            String b = "/api/v1/hosts/" + hostB + "/containers";
            await().atMost(WAIT).until(() -> json(admin.get(b + "?all=true")).path("items").findValuesAsString("id").contains(onB));

            problem(operator.api().get(b + "?all=true"), 404, "not-found");
            problem(operator.api().get(b + "/" + onB), 404, "not-found");
            problem(operator.api().get(b + "/" + nameOnB), 404, "not-found");
            problem(operator.api().post(b + "/" + onB + "/stop?timeout=1", Map.of()), 404, "not-found");
            problem(operator.api().get(b + "/" + onB + "/logs"), 404, "not-found");
            assertThat(running(TestEngines.tlsSocket(), onB)).isTrue();

            String a = "/api/v1/hosts/" + hostA + "/containers";
            await().atMost(WAIT).untilAsserted(() -> assertThat(
                    json(operator.api().get(a + "?all=true")).path("items").findValuesAsString("id")).contains(onA));
            assertThat(operator.api().get(a + "/" + onA).statusCode()).isEqualTo(200);
            assertThat(operator.api().get(a + "/" + onA + "/logs").statusCode()).isEqualTo(200);
            HttpResponse<String> stopped = operator.api().post(a + "/" + onA + "/stop?timeout=1", Map.of());
            assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(204);
            assertThat(running(TestEngines.unix(), onA)).isFalse();
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", onA);
            TestEngines.cli(TestEngines.tlsSocket(), "rm", "-f", onB);
        }
    }

    @Test
    void aTeamAdminCannotGrantAdminToTheirTeamAndNoBindingAppears() {
        String team = fixtures.team("done-team");
        Person teamAdmin = fixtures.userWith("team-admin", "operator", "global", null);
        fixtures.member(team, teamAdmin, true);
        List<JsonNode> before = fixtures.bindings();

        problem(teamAdmin.api().post("/api/v1/bindings", AccessFixtures.binding("team", team, "admin", "global", null)),
                403, "forbidden");

        assertThat(fixtures.bindings()).isEqualTo(before);
        assertThat(AccessFixtures.items(teamAdmin.api(), "/api/v1/bindings")).isEmpty();
        assertThat(deniedTo(teamAdmin)).anySatisfy(e -> assertThat(e.action()).isEqualTo("binding.create"));
    }

    private static String run(String engine, String name) {
        return TestEngines.cli(engine, "run", "-d", "--network", "none", "--name", name, TestEngines.IMAGE, "sleep", "300").get(0);
    }

    private static boolean running(String engine, String container) {
        return Boolean.parseBoolean(TestEngines.cli(engine, "inspect", "-f", "{{.State.Running}}", container).get(0).strip());
    }

    private List<AuditEntry> deniedTo(Person person) {
        return audit.latest(500).stream().map(AuditTrail.RecordedEntry::entry)
                .filter(e -> e.actor().equals(person.username()) && e.outcome() == AuditEntry.Outcome.DENIED).toList();
    }
}
