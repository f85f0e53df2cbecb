package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.Arrays;
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
 * Nobody hands out more than they hold: not a team admin, not a holder of role.manage or team.manage
 * without everything. Each refusal changes nothing (the lists say so afterwards) and is in the audit trail
 * as DENIED, under the name of who tried.
 */
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=escalation")
class EscalationTests {

    /** Hosts here are never reached: only their group matters. */
    private static final String NOWHERE = "unix:///nonexistent/wharf-escalation-tests.sock";

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    ApiSession admin;
    AccessFixtures fixtures;
    String group;
    String otherGroup;
    String hostInGroup;
    String hostInOtherGroup;

    @BeforeAll
    void hostsInTwoGroups() {
        admin = new ApiSession(port, "escalation");
        fixtures = new AccessFixtures(port, admin);
        group = "esc-g-" + AccessFixtures.suffix();
        otherGroup = "esc-h-" + AccessFixtures.suffix();
        hostInGroup = fixtures.host("esc-in-" + AccessFixtures.suffix(), group, NOWHERE);
        hostInOtherGroup = fixtures.host("esc-out-" + AccessFixtures.suffix(), otherGroup, NOWHERE);
    }

    @AfterAll
    void removeHosts() {
        admin.delete("/api/v1/hosts/" + hostInGroup);
        admin.delete("/api/v1/hosts/" + hostInOtherGroup);
    }

    @Test
    void aTeamAdminCannotGrantAdminToTheirTeam() {
        String team = fixtures.team("esc-admin");
        Person teamAdmin = fixtures.userWith("esc-ta", "operator", "group", group);
        fixtures.member(team, teamAdmin, true);
        List<JsonNode> before = fixtures.bindings();

        for (String[] scope : List.of(new String[] {"global", null}, new String[] {"group", group},
                new String[] {"host", hostInGroup})) {
            problem(teamAdmin.api().post("/api/v1/bindings", AccessFixtures.binding("team", team, "admin", scope[0], scope[1])),
                    403, "forbidden");
        }

        assertThat(fixtures.bindings()).isEqualTo(before);
        assertThat(denied(teamAdmin, "binding.create")).hasSize(3);
    }

    @Test
    void aTeamAdminGrantsARoleTheyHoldOnlyWhereTheyHoldIt() {
        String team = fixtures.team("esc-scope");
        Person teamAdmin = fixtures.userWith("esc-ta", "operator", "group", group);
        fixtures.member(team, teamAdmin, true);
        List<JsonNode> before = fixtures.bindings();

        problem(grant(teamAdmin, "team", team, "viewer", "global", null), 403, "forbidden");
        problem(grant(teamAdmin, "team", team, "viewer", "group", otherGroup), 403, "forbidden");
        // a host they cannot see is no host at all to them, exactly as one that does not exist
        problem(grant(teamAdmin, "team", team, "viewer", "host", hostInOtherGroup), 400, "validation");
        assertThat(fixtures.bindings()).isEqualTo(before);
        assertThat(denied(teamAdmin, "binding.create")).hasSize(2);

        HttpResponse<String> onGroup = grant(teamAdmin, "team", team, "viewer", "group", group);
        assertThat(onGroup.statusCode()).as(onGroup.body()).isEqualTo(201);
        HttpResponse<String> onHostOfGroup = grant(teamAdmin, "team", team, "viewer", "host", hostInGroup);
        assertThat(onHostOfGroup.statusCode()).as(onHostOfGroup.body()).isEqualTo(201);
        assertThat(AccessFixtures.items(teamAdmin.api(), "/api/v1/bindings"))
                .extracting(b -> b.path("role").asString() + " " + b.path("scope").path("type").asString() + " "
                        + b.path("scope").path("id").asString())
                .containsExactlyInAnyOrder("viewer group " + group, "viewer host " + hostInGroup);
    }

    @Test
    void aTeamAdminCannotGrantToAUserNorToAnotherTeam() {
        String team = fixtures.team("esc-own");
        String otherTeam = fixtures.team("esc-other");
        Person teamAdmin = fixtures.userWith("esc-ta", "operator", "global", null);
        fixtures.member(team, teamAdmin, true);
        Person someone = fixtures.user("esc-someone");
        List<JsonNode> before = fixtures.bindings();

        problem(grant(teamAdmin, "team", otherTeam, "viewer", "global", null), 403, "forbidden");
        problem(grant(teamAdmin, "user", someone.id(), "viewer", "global", null), 403, "forbidden");
        problem(grant(teamAdmin, "user", teamAdmin.id(), "viewer", "global", null), 403, "forbidden");

        assertThat(fixtures.bindings()).isEqualTo(before);
        assertThat(denied(teamAdmin, "binding.create")).hasSize(3);
    }

    @Test
    void aRoleManagerWithoutExecCannotPutExecIntoARole() {
        String keeper = fixtures.role("role-keeper", allBut("container.exec"));
        Person manager = fixtures.userWith("esc-rm", keeper, "global", null);
        String withExec = fixtures.role("with-exec", List.of("container.read", "container.exec"));
        String name = "esc-made-" + AccessFixtures.suffix();

        problem(manager.api().post("/api/v1/roles", Map.of("name", name, "description", "x",
                "permissions", List.of("container.read", "container.exec"))), 403, "forbidden");
        problem(manager.api().get("/api/v1/roles/" + name), 404, "not-found");

        HttpResponse<String> made = manager.api().post("/api/v1/roles", Map.of("name", name, "description", "reads",
                "permissions", List.of("container.read")));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        problem(manager.api().put("/api/v1/roles/" + name, Map.of("description", "reads and execs",
                "permissions", List.of("container.read", "container.exec"))), 403, "forbidden");
        assertThat(role(name).path("permissions").valueStream().map(JsonNode::asString)).containsExactly("container.read");
        assertThat(role(name).path("description").asString()).isEqualTo("reads");

        // taking exec out of a role also changes what its holders may do: only who holds exec may
        problem(manager.api().put("/api/v1/roles/" + withExec, Map.of("description", "no more exec",
                "permissions", List.of("container.read"))), 403, "forbidden");
        assertThat(role(withExec).path("permissions").valueStream().map(JsonNode::asString))
                .containsExactly("container.exec", "container.read");

        assertThat(denied(manager, "role.create")).hasSize(1);
        assertThat(denied(manager, "role.update")).hasSize(2);
    }

    @Test
    void aTeamManagerCannotAddAMemberToATeamWhoseBindingsExceedTheirs() {
        String keeper = fixtures.role("team-keeper", List.of("team.manage", "host.read", "container.read"));
        Person manager = fixtures.userWith("esc-tm", keeper, "global", null);
        String mighty = fixtures.team("esc-mighty");
        fixtures.bind("team", mighty, "admin", "global", null);
        String modest = fixtures.team("esc-modest");
        fixtures.bind("team", modest, "viewer", "group", group);
        Person newcomer = fixtures.user("esc-new");

        problem(manager.api().post("/api/v1/teams/" + mighty + "/members", Map.of("userId", newcomer.id())), 403, "forbidden");
        assertThat(fixtures.teamView(mighty).path("members")).isEmpty();
        assertThat(denied(manager, "team.member.add")).hasSize(1);

        // viewer on the group is beyond team-keeper's reads (switches, images...): refused too
        problem(manager.api().post("/api/v1/teams/" + modest + "/members", Map.of("userId", newcomer.id())), 403, "forbidden");
        assertThat(fixtures.teamView(modest).path("members")).isEmpty();
        assertThat(denied(manager, "team.member.add")).hasSize(2);

        String fitting = fixtures.team("esc-fitting");
        fixtures.bind("team", fitting, keeper, "group", group);
        HttpResponse<String> added = manager.api().post("/api/v1/teams/" + fitting + "/members", Map.of("userId", newcomer.id()));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
    }

    @Test
    void aTeamAdminAddsMembersButCannotMakeSomeoneTeamAdmin() {
        String team = fixtures.team("esc-members");
        Person teamAdmin = fixtures.userWith("esc-ta", "viewer", "global", null);
        fixtures.member(team, teamAdmin, true);
        Person someone = fixtures.user("esc-someone");

        problem(teamAdmin.api().post("/api/v1/teams/" + team + "/members", Map.of("userId", someone.id(), "teamAdmin", true)),
                403, "forbidden");
        assertThat(fixtures.teamView(team).path("members")).extracting(m -> m.path("username").asString())
                .containsExactly(teamAdmin.username());
        assertThat(denied(teamAdmin, "team.member.add")).hasSize(1);

        HttpResponse<String> added = teamAdmin.api().post("/api/v1/teams/" + team + "/members", Map.of("username", someone.username()));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
        assertThat(fixtures.teamView(team).path("members")).anySatisfy(m -> {
            assertThat(m.path("username").asString()).isEqualTo(someone.username());
            assertThat(m.path("teamAdmin").asBoolean()).isFalse();
        });
    }

    @Test
    void aTeamAdminCannotTakeTeamAdminAwayFromAnother() {
        String team = fixtures.team("esc-demote");
        Person teamAdmin = fixtures.userWith("esc-ta", "viewer", "global", null);
        Person otherAdmin = fixtures.user("esc-ta2");
        fixtures.member(team, teamAdmin, true);
        fixtures.member(team, otherAdmin, true);

        // "adding" someone who is a member already, without teamAdmin, sets their teamAdmin to false
        HttpResponse<String> readded = teamAdmin.api().post("/api/v1/teams/" + team + "/members",
                Map.of("userId", otherAdmin.id()));

        assertThat(fixtures.teamView(team).path("members")).as("after an answer %d", readded.statusCode())
                .allSatisfy(m -> assertThat(m.path("teamAdmin").asBoolean()).as(m.path("username").asString()).isTrue());
        assertThat(readded.statusCode()).as(readded.body()).isIn(403, 409);
    }

    @Test
    void aTeamAdminCannotSeeOrManageAnotherTeam() {
        String team = fixtures.team("esc-mine");
        String other = fixtures.team("esc-theirs");
        Person teamAdmin = fixtures.userWith("esc-ta", "operator", "global", null);
        fixtures.member(team, teamAdmin, true);
        Person member = fixtures.user("esc-member");
        fixtures.member(other, member, false);
        JsonNode otherBefore = fixtures.teamView(other);

        assertThat(AccessFixtures.items(teamAdmin.api(), "/api/v1/teams")).extracting(t -> t.path("id").asString())
                .containsExactly(team);
        problem(teamAdmin.api().get("/api/v1/teams/" + other), 404, "not-found");
        problem(teamAdmin.api().post("/api/v1/teams/" + other + "/members", Map.of("userId", teamAdmin.id())), 404, "not-found");
        problem(teamAdmin.api().delete("/api/v1/teams/" + other + "/members/" + member.id()), 404, "not-found");
        problem(teamAdmin.api().delete("/api/v1/teams/" + other), 403, "forbidden");
        problem(teamAdmin.api().delete("/api/v1/teams/" + team), 403, "forbidden");

        assertThat(fixtures.teamView(other)).isEqualTo(otherBefore);
        assertThat(AccessFixtures.items(admin, "/api/v1/teams")).extracting(t -> t.path("id").asString()).contains(team, other);
        assertThat(denied(teamAdmin, "team.manage")).as("the two deletions").hasSize(2);
        assertThat(denied(teamAdmin, null)).extracting(AuditEntry::action).as("the refusals answered as not found are recorded too")
                .contains("team.read", "team.member.add", "team.member.remove");
    }

    @Test
    void changesRefusedAsNotFoundOnAnotherTeamAreAuditedAsDenied() {
        String team = fixtures.team("esc-mine");
        String other = fixtures.team("esc-theirs");
        Person teamAdmin = fixtures.userWith("esc-ta", "operator", "global", null);
        fixtures.member(team, teamAdmin, true);
        Person member = fixtures.user("esc-member");
        fixtures.member(other, member, false);

        problem(teamAdmin.api().post("/api/v1/teams/" + other + "/members", Map.of("userId", teamAdmin.id())), 404, "not-found");
        problem(teamAdmin.api().delete("/api/v1/teams/" + other + "/members/" + member.id()), 404, "not-found");

        assertThat(denied(teamAdmin, null)).as("DENIED entries of %s", teamAdmin.username()).extracting(AuditEntry::action)
                .contains("team.member.add", "team.member.remove");
    }

    @Test
    void builtInRolesNeverChange() {
        JsonNode before = role("operator");
        String keeper = fixtures.role("role-keeper", allBut("container.exec"));
        Person manager = fixtures.userWith("esc-rm", keeper, "global", null);

        for (ApiSession who : List.of(admin, manager.api())) {
            problem(who.put("/api/v1/roles/operator", Map.of("description", "everything",
                    "permissions", List.of("container.read"))), 409, "conflict");
            problem(who.delete("/api/v1/roles/viewer"), 409, "conflict");
            problem(who.post("/api/v1/roles", Map.of("name", "admin", "description", "mine", "permissions", List.of())), 409,
                    "conflict");
        }

        assertThat(role("operator")).isEqualTo(before);
        assertThat(role("viewer").path("builtIn").asBoolean()).isTrue();
        assertThat(role("admin").path("permissions")).hasSize(Permission.values().length);
    }

    private HttpResponse<String> grant(Person who, String subjectType, String subjectId, String role, String scopeType,
            String scopeId) {
        return who.api().post("/api/v1/bindings", AccessFixtures.binding(subjectType, subjectId, role, scopeType, scopeId));
    }

    private JsonNode role(String name) {
        HttpResponse<String> role = admin.get("/api/v1/roles/" + name);
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
        return json(role);
    }

    private static List<String> allBut(String left) {
        return Arrays.stream(Permission.values()).map(Permission::key).filter(k -> !k.equals(left)).toList();
    }

    /** The DENIED entries of one person, of one action (null: any). */
    private List<AuditEntry> denied(Person person, String action) {
        return audit.latest(1000).stream().map(AuditTrail.RecordedEntry::entry)
                .filter(e -> e.actor().equals(person.username()) && e.outcome() == AuditEntry.Outcome.DENIED)
                .filter(e -> action == null || e.action().equals(action)).toList();
    }
}
