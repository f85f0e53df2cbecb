package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditEntry.Outcome;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/audit}: each filter narrows, pages add up, bad parameters are 400s that change nothing,
 * and each caller sees only what is theirs to see, counted in the SQL (totals never include hidden entries).
 * Two hosts, A and B, are registered (their engines need not answer: the trail is about what was tried).
 */
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=audit-query")
class AuditQueryTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    ApiSession admin;
    AccessFixtures fixtures;
    UUID hostA;
    UUID hostB;

    @BeforeAll
    void twoHosts() {
        admin = new ApiSession(port, "audit-query");
        fixtures = new AccessFixtures(port, admin);
        hostA = UUID.fromString(fixtures.host("audit-a-" + AccessFixtures.suffix(), "audit-a", "unix:///run/wharf-audit-a.sock"));
        hostB = UUID.fromString(fixtures.host("audit-b-" + AccessFixtures.suffix(), "audit-b", "unix:///run/wharf-audit-b.sock"));
    }

    @Test
    void eachFilterNarrowsTheTrailNewestFirst() {
        String alice = "alice-" + AccessFixtures.suffix();
        String bob = "bob-" + AccessFixtures.suffix();
        Instant beforeAll = tick();
        record(alice, "container.stop", hostA, Outcome.SUCCESS);
        Instant afterFirst = tick();
        record(alice, "container.start", hostB, Outcome.FAILURE);
        Instant afterSecond = tick();
        record(alice, "image.pull", hostA, Outcome.DENIED);
        record(bob, "container.stop", hostA, Outcome.DENIED);
        record(bob, "user.create", null, Outcome.SUCCESS);

        assertThat(actions(admin, "user=" + alice)).containsExactly("image.pull", "container.start", "container.stop");
        assertThat(actions(admin, "user=" + alice + "&action=container.*")).containsExactly("container.start", "container.stop");
        assertThat(actions(admin, "user=" + alice + "&action=container.stop")).containsExactly("container.stop");
        assertThat(actions(admin, "user=" + alice + "&action=container.")).isEmpty(); // without '*' it is exact
        assertThat(actions(admin, "user=" + alice + "&host=" + hostA)).containsExactly("image.pull", "container.stop");
        assertThat(actions(admin, "user=" + alice + "&outcome=denied")).containsExactly("image.pull");
        assertThat(actions(admin, "user=" + alice + "&outcome=failure")).containsExactly("container.start");
        assertThat(actions(admin, "user=" + alice + "&from=" + afterFirst)).containsExactly("image.pull", "container.start");
        assertThat(actions(admin, "user=" + alice + "&from=" + afterFirst + "&to=" + afterSecond)).containsExactly("container.start");
        assertThat(actions(admin, "user=" + alice + "&to=" + afterFirst)).containsExactly("container.stop");
        assertThat(actions(admin, "user=" + alice + "&to=" + beforeAll)).isEmpty();
        // the same instant at another offset, and a date meaning its UTC midnight
        String elsewhere = afterFirst.atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(actions(admin, "user=" + alice + "&from=" + Http.encode(elsewhere))).containsExactly("image.pull", "container.start");
        String day = beforeAll.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String dayAfterNext = beforeAll.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(2).toString();
        assertThat(actions(admin, "user=" + alice + "&from=" + day + "&to=" + dayAfterNext)).hasSize(3);
        assertThat(actions(admin, "user=" + alice + "&to=" + day)).isEmpty();
        assertThat(actions(admin, "user=" + bob + "&action=container.stop&host=" + hostA + "&outcome=denied")).containsExactly("container.stop");

        JsonNode entry = page(admin, "user=" + alice + "&outcome=denied").path("items").get(0);
        assertThat(entry.propertyNames()).containsExactlyInAnyOrder("id", "at", "actor", "tokenId", "action", "hostId", "resource",
                "outcome", "detail", "clientAddress");
        assertThat(entry.path("actor").asString()).isEqualTo(alice);
        assertThat(entry.path("hostId").asString()).isEqualTo(hostA.toString());
        assertThat(entry.path("outcome").asString()).isEqualTo("denied");
        assertThat(entry.path("resource").asString()).isEqualTo("res-image.pull");
        assertThat(Instant.parse(entry.path("at").asString())).isAfter(afterSecond);
        assertThat(entry.path("at").asString()).endsWith("Z");
    }

    @Test
    void pagesAddUpToTheTotalWithoutOverlap() {
        String carol = "carol-" + AccessFixtures.suffix();
        for (int i = 0; i < 5; i++) {
            record(carol, "token.create", null, Outcome.SUCCESS);
        }

        JsonNode first = page(admin, "user=" + carol + "&size=2");
        JsonNode second = page(admin, "user=" + carol + "&size=2&page=1");
        JsonNode third = page(admin, "user=" + carol + "&size=2&page=2");
        JsonNode beyond = page(admin, "user=" + carol + "&size=2&page=3");

        assertThat(first.path("total").asLong()).isEqualTo(5);
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(2);
        assertThat(third.path("page").asInt()).isEqualTo(2);
        List<Long> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.path("items").forEach(item -> ids.add(item.path("id").asLong()));
        }
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(5);
        assertThat(page(admin, "user=" + carol).path("size").asInt()).isEqualTo(100);
    }

    @Test
    void aBadParameterIsA400NamingItAndNothingElseHappens() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("from=yesterday", "from");
        bad.put("to=2026-13-01", "to");
        bad.put("from=2026-11-29&to=2026-11-28", "from");
        bad.put("outcome=maybe", "outcome");
        bad.put("size=0", "size");
        bad.put("size=1001", "size");
        bad.put("size=many", "size");
        bad.put("page=-1", "page");
        bad.put("host=docker1", "host");
        bad.put("host=1-1-1-1-1", "host");
        long before = entries();

        bad.forEach((query, field) -> {
            JsonNode refused = problem(admin.get("/api/v1/audit?" + query), 400, "validation");
            assertThat(refused.path("field").asString()).as(query).isEqualTo(field);
            assertThat(refused.path("detail").asString()).as(query).startsWith(field + ": ");
            if (!field.equals("page") && !field.equals("size")) { // an export has no pages
                JsonNode export = problem(admin.get("/api/v1/audit/export?format=csv&" + query), 400, "validation");
                assertThat(export.path("field").asString()).as(query).isEqualTo(field);
            }
        });
        assertThat(problem(admin.get("/api/v1/audit/export?format=xml"), 400, "validation").path("field").asString()).isEqualTo("format");
        assertThat(problem(admin.get("/api/v1/audit/export"), 400, "validation").path("field").asString()).isEqualTo("format");

        assertThat(entries()).as("reading the trail, even refused, records nothing").isEqualTo(before);
    }

    @Test
    void aGlobalAdminSeesEveryEntryWithAndWithoutAHost() {
        String dave = "dave-" + AccessFixtures.suffix();
        record(dave, "container.stop", hostA, Outcome.SUCCESS);
        record(dave, "switch.create", hostB, Outcome.FAILURE);
        record(dave, "role.create", null, Outcome.DENIED);

        assertThat(actions(admin, "user=" + dave)).containsExactly("role.create", "switch.create", "container.stop");
    }

    @Test
    void aViewerBoundOnHostASeesHostAsEntriesOnly() {
        Person viewer = fixtures.userWith("audit-viewer", "viewer", "host", hostA.toString());
        String erin = "erin-" + AccessFixtures.suffix();
        record(erin, "container.stop", hostA, Outcome.SUCCESS);
        record(erin, "container.stop", hostB, Outcome.SUCCESS);
        record(erin, "user.create", null, Outcome.SUCCESS);
        record(viewer.username(), "container.start", hostA, Outcome.DENIED);
        record(viewer.username(), "token.revoke", null, Outcome.SUCCESS);

        JsonNode erins = page(viewer.api(), "user=" + erin);
        assertThat(erins.path("total").asLong()).isEqualTo(1);
        assertThat(erins.path("items").get(0).path("hostId").asString()).isEqualTo(hostA.toString());
        assertThat(actions(viewer.api(), "user=" + viewer.username())).containsExactly("container.start"); // not even their own host-less ones
        JsonNode onB = page(viewer.api(), "host=" + hostB);
        assertThat(onB.path("total").asLong()).isZero();
        assertThat(onB.path("items")).isEmpty();
        assertThat(page(viewer.api(), "").path("items").valueStream().map(e -> e.path("hostId").asString()).distinct().toList())
                .containsExactly(hostA.toString());
        String exported = viewer.api().get("/api/v1/audit/export?format=json&user=" + erin).body();
        assertThat(parse(exported).valueStream().map(e -> e.path("hostId").asString()).toList()).containsExactly(hostA.toString());
    }

    @Test
    void aTeamAdminSeesTheirMembersAnywhereAndTheirTeamsHostsButNotAnotherTeam() {
        Person teamAdmin = fixtures.user("audit-team-admin");
        Person member = fixtures.user("audit-member");
        Person outsider = fixtures.user("audit-outsider");
        String team = fixtures.team("audit-team");
        fixtures.member(team, teamAdmin, true);
        fixtures.member(team, member, false);
        String otherTeam = fixtures.team("audit-other-team");
        fixtures.member(otherTeam, outsider, false);
        // the team reads containers on host B, and holds no audit.read anywhere
        fixtures.bind("team", team, fixtures.role("audit-containers", List.of("container.read")), "host", hostB.toString());

        record(member.username(), "token.create", null, Outcome.SUCCESS);
        record(member.username(), "container.stop", hostA, Outcome.SUCCESS);
        record(outsider.username(), "token.create", null, Outcome.SUCCESS);
        record(outsider.username(), "container.stop", hostA, Outcome.SUCCESS);
        record(outsider.username(), "container.kill", hostB, Outcome.SUCCESS);

        assertThat(actions(teamAdmin.api(), "user=" + member.username())).contains("container.stop", "token.create");
        JsonNode outsiders = page(teamAdmin.api(), "user=" + outsider.username());
        assertThat(outsiders.path("total").asLong()).as("only what happened on the team's host").isEqualTo(1);
        assertThat(outsiders.path("items").get(0).path("action").asString()).isEqualTo("container.kill");
        assertThat(actions(admin, "user=" + outsider.username())).contains("container.kill", "container.stop", "token.create");
        // another team's admin, on the very same entries
        Person otherAdmin = fixtures.user("audit-other-admin");
        fixtures.member(otherTeam, otherAdmin, true);
        assertThat(actions(otherAdmin.api(), "user=" + member.username())).isEmpty();
        assertThat(actions(otherAdmin.api(), "user=" + outsider.username())).contains("container.stop", "token.create");
    }

    @Test
    void aUserWhoMayReadNothingIsRefusedAndTheRefusalIsRecorded() {
        Person nobody = fixtures.user("audit-nobody");
        Person onAnEmptyGroup = fixtures.userWith("audit-empty-group", "viewer", "group", "no-hosts-here");

        problem(nobody.api().get("/api/v1/audit"), 403, "forbidden");
        problem(nobody.api().get("/api/v1/audit/export?format=csv"), 403, "forbidden");
        problem(onAnEmptyGroup.api().get("/api/v1/audit"), 403, "forbidden");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE actor = :actor AND action = 'audit.read' AND outcome = 'denied'")
                .param("actor", nobody.username()).query(Long.class).single()).isEqualTo(2);
        assertThat(actions(admin, "user=" + onAnEmptyGroup.username() + "&action=audit.*&outcome=denied")).containsExactly("audit.read");
    }

    private void record(String actor, String action, UUID host, Outcome outcome) {
        audit.record(new AuditEntry(actor, null, action, host, "res-" + action, outcome, "made by a test"));
    }

    /** An instant strictly between the entries recorded before and after it. */
    private static Instant tick() {
        sleep();
        Instant now = Instant.now();
        sleep();
        return now;
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long entries() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    private static JsonNode page(ApiSession api, String query) {
        HttpResponse<String> answer = api.get("/api/v1/audit?" + query);
        assertThat(answer.statusCode()).as(query + ": " + answer.body()).isEqualTo(200);
        return json(answer);
    }

    private static List<String> actions(ApiSession api, String query) {
        return page(api, query).path("items").valueStream().map(item -> item.path("action").asString()).toList();
    }

    private static JsonNode parse(String body) {
        return ApiSession.JSON.readTree(body);
    }
}
