package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The users, teams, roles and bindings pages as a browser uses them (forms with their CSRF token, no
 * script), each change checked through the API and in the audit trail, and each refusal shown on the page.
 */
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=access-pages")
class AccessPagesTests {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    ApiSession api;
    AccessFixtures fixtures;
    Http admin;

    @BeforeAll
    void signIn() {
        api = new ApiSession(port, "access-pages");
        fixtures = new AccessFixtures(port, api);
        admin = new Http(port);
        admin.signIn("admin", "access-pages");
    }

    @Test
    void anAdminCreatesDisablesEnablesAndDeletesAUserThroughTheForms() {
        String username = "pg-user-" + AccessFixtures.suffix();

        Posted created = post(admin, "/access/users",
                "username=" + username + "&displayName=" + Http.encode(SCRIPT) + "&password=" + Http.encode(AccessFixtures.PASSWORD));

        assertThat(created.status()).as(created.body()).isEqualTo(302);
        assertThat(created.body()).contains("Created user " + username + ".", ESCAPED).doesNotContain(SCRIPT);
        JsonNode user = user(username);
        assertThat(user.path("displayName").asString()).isEqualTo(SCRIPT);
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(succeeded("user.create", username)).isTrue();

        String id = user.path("id").asString();
        Posted disabled = post(admin, "/access/users/" + id + "/disable", "");
        assertThat(disabled.status()).isEqualTo(302);
        assertThat(user(username).path("enabled").asBoolean()).isFalse();
        assertThat(succeeded("user.disable", username)).isTrue();
        assertThat(disabled.body()).contains("Disabled user " + username + ".", "status-disabled\">disabled");

        assertThat(post(admin, "/access/users/" + id + "/enable", "").body()).contains("Enabled user " + username + ".");
        assertThat(user(username).path("enabled").asBoolean()).isTrue();
        assertThat(succeeded("user.enable", username)).isTrue();

        assertThat(admin.get("/access/users/" + id + "/delete").body()).contains(username, "Delete user", "team memberships");
        Posted deleted = post(admin, "/access/users/" + id + "/delete", "");
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(api.get("/api/v1/users/" + id).statusCode()).isEqualTo(404);
        assertThat(succeeded("user.delete", username)).isTrue();
        assertThat(deleted.body()).contains("Deleted user " + username + ".").doesNotContain(ESCAPED);
    }

    @Test
    void anAutomationAccountIsMadeWithoutAPasswordAndItsTokensAreALinkAway() {
        String username = "pg-bot-" + AccessFixtures.suffix();

        Posted created = post(admin, "/access/users", "username=" + username + "&displayName=&password=&automation=true");

        assertThat(created.status()).as(created.body()).isEqualTo(302);
        JsonNode user = user(username);
        assertThat(user.path("automation").asBoolean()).isTrue();
        assertThat(created.body()).contains(username + "</span>", "(automation)", "/access/users/" + user.path("id").asString() + "/tokens");
        Posted noPassword = post(admin, "/access/users", "username=pg-person-" + AccessFixtures.suffix() + "&password=");
        assertThat(noPassword.status()).isEqualTo(400);
        assertThat(noPassword.body()).contains("is required (12 to 200 characters)");
    }

    @Test
    void aShortPasswordOrATakenUsernameIsShownOnTheFormAndChangesNothing() {
        String username = "pg-bad-" + AccessFixtures.suffix();
        String shortPassword = "short-pw-" + AccessFixtures.suffix().substring(0, 2);

        Posted tooShort = post(admin, "/access/users",
                "username=" + username + "&displayName=Bad&password=" + shortPassword);

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("must be 12 to 200 characters", "value=\"" + username + "\"").doesNotContain(shortPassword);
        assertThat(api.get("/api/v1/users?size=1000").body()).doesNotContain(username);

        Person existing = fixtures.user("pg-twin");
        long users = json(api.get("/api/v1/users?size=1000")).path("total").asLong();
        Posted twin = post(admin, "/access/users",
                "username=" + existing.username() + "&password=" + Http.encode(AccessFixtures.PASSWORD));

        assertThat(twin.status()).isEqualTo(409);
        assertThat(twin.body()).contains("a user named &#39;" + existing.username() + "&#39; exists already");
        assertThat(json(api.get("/api/v1/users?size=1000")).path("total").asLong()).isEqualTo(users);
    }

    @Test
    void anAdminMakesATeamAddsAMemberMakesThemTeamAdminAndGrantsTheTeamARole() {
        String name = "pg-team-" + AccessFixtures.suffix();
        Posted created = post(admin, "/access/teams", "name=" + name);
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String teamPage = created.location();
        String teamId = teamPage.substring("/access/teams/".length());
        assertThat(succeeded("team.create", name)).isTrue();
        assertThat(created.body()).contains("Created team " + name + ".");
        assertThat(admin.get("/access/teams").body()).contains(name);

        Person member = fixtures.user("pg-member");
        Posted added = post(admin, teamPage + "/members", "username=" + member.username());
        assertThat(added.status()).isEqualTo(302);
        assertThat(member(teamId, member).path("teamAdmin").asBoolean()).isFalse();
        assertThat(succeeded("team.member.add", name)).isTrue();
        assertThat(added.body()).contains("Added " + member.username() + " to the team.", "Make team admin");

        assertThat(post(admin, teamPage + "/members/" + member.id() + "/admin", "admin=true").status()).isEqualTo(302);
        assertThat(member(teamId, member).path("teamAdmin").asBoolean()).isTrue();
        assertThat(entries("team.member.add", name)).anySatisfy(e -> assertThat(e.detail()).isEqualTo(member.username() + " (team admin)"));

        Posted granted = post(admin, teamPage + "/bindings", "role=viewer&scopeType=group&group=pg-lab&host=");
        assertThat(granted.status()).as(granted.body()).isEqualTo(302);
        JsonNode binding = teamBinding(teamId);
        assertThat(binding.path("role").asString()).isEqualTo("viewer");
        assertThat(binding.path("scope").path("type").asString()).isEqualTo("group");
        assertThat(binding.path("scope").path("id").asString()).isEqualTo("pg-lab");
        assertThat(succeeded("binding.create", "team " + teamId)).isTrue();
        assertThat(granted.body()).contains("Granted viewer to team " + name + ".", "group pg-lab");

        String remove = "/access/bindings/" + binding.path("id").asString() + "/delete";
        assertThat(admin.get(remove + "?from=team").body()).contains("Take", "viewer", "group pg-lab");
        Posted removed = post(admin, remove + "?from=team", "");
        assertThat(removed.location()).isEqualTo(teamPage);
        assertThat(removed.body()).contains("Took viewer on group pg-lab from team " + name + ".");
        assertThat(fixtures.bindings()).noneMatch(b -> b.path("subject").path("id").asString().equals(teamId));
        assertThat(succeeded("binding.delete", "team " + teamId)).isTrue();
    }

    @Test
    void theBindingsPageGrantsAUserARoleOnAHostChosenFromTheList() {
        String hostName = "pg-host-" + AccessFixtures.suffix();
        String hostId = fixtures.host(hostName, null, "unix:///var/run/docker.sock");
        Person person = fixtures.user("pg-bound");
        assertThat(admin.get("/access/bindings").body()).contains("value=\"" + hostId + "\"", hostName, "user " + person.username());

        Posted granted = post(admin, "/access/bindings",
                "subject=user:" + person.id() + "&role=operator&scopeType=host&group=&host=" + hostId);

        assertThat(granted.status()).as(granted.body()).isEqualTo(302);
        assertThat(fixtures.bindings()).anySatisfy(b -> {
            assertThat(b.path("subject").path("id").asString()).isEqualTo(person.id());
            assertThat(b.path("role").asString()).isEqualTo("operator");
            assertThat(b.path("scope").path("id").asString()).isEqualTo(hostId);
        });
        assertThat(entries("binding.create", "user " + person.id())).anySatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS);
            assertThat(e.hostId()).hasToString(hostId);
        });
        assertThat(granted.body()).contains("Granted operator to user " + person.username() + " on host " + hostName + ".");
    }

    @Test
    void aRefusedGrantKeepsTheFormAndSaysWhy() {
        Person person = fixtures.user("pg-refused");

        Posted noGroup = post(admin, "/access/bindings", "subject=user:" + person.id() + "&role=viewer&scopeType=group&group=");

        assertThat(noGroup.status()).isEqualTo(400);
        assertThat(noGroup.body()).contains("must be a group name", "selected=\"selected\">user " + person.username());
        assertThat(fixtures.bindings()).noneMatch(b -> b.path("subject").path("id").asString().equals(person.id()));
    }

    @Test
    void anAdminCreatesEditsAndDeletesACustomRoleWithACheckboxPerPermission() {
        String name = "pg-role-" + AccessFixtures.suffix();
        assertThat(admin.get("/access/roles/new").body()).contains("value=\"container.exec\"", "value=\"host.read\"");

        Posted created = post(admin, "/access/roles",
                "name=" + name + "&description=" + Http.encode(SCRIPT) + "&permissions=host.read&permissions=container.read");

        assertThat(created.status()).as(created.body()).isEqualTo(302);
        assertThat(permissions(name)).containsExactly("container.read", "host.read");
        assertThat(succeeded("role.create", name)).isTrue();
        assertThat(created.body()).contains("Created role " + name + ".", ESCAPED).doesNotContain(SCRIPT);

        assertThat(admin.get("/access/roles/" + name + "/edit").body()).contains("value=\"host.read\" checked");
        Posted edited = post(admin, "/access/roles/" + name, "description=Logs&permissions=container.logs");
        assertThat(edited.status()).as(edited.body()).isEqualTo(302);
        assertThat(permissions(name)).containsExactly("container.logs");
        assertThat(succeeded("role.update", name)).isTrue();

        assertThat(admin.get("/access/roles/" + name + "/delete").body()).contains("Delete role");
        assertThat(post(admin, "/access/roles/" + name + "/delete", "").status()).isEqualTo(302);
        assertThat(api.get("/api/v1/roles/" + name).statusCode()).isEqualTo(404);
        assertThat(succeeded("role.delete", name)).isTrue();
    }

    @Test
    void aTeamAdminManagesOnlyTheirOwnTeamAndCannotGrantMoreThanTheyHold() {
        String mine = fixtures.team("pg-mine");
        String theirs = fixtures.team("pg-theirs");
        Person teamAdmin = fixtures.user("pg-ta");
        fixtures.member(mine, teamAdmin, true);
        Http browser = new Http(port);
        browser.signIn(teamAdmin.username(), AccessFixtures.PASSWORD);

        assertThat(browser.get("/hosts").body()).contains("href=\"/access/teams\">Access</a>");
        String teams = browser.get("/access/teams").body();
        assertThat(teams).contains(name(mine)).doesNotContain(name(theirs));
        assertThat(browser.get("/access/teams/" + theirs, "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(browser.get("/access/users", "Accept", "text/html").statusCode()).isEqualTo(403);
        String page = browser.get("/access/teams/" + mine).body();
        assertThat(page).contains(teamAdmin.username(), "Add member").doesNotContain("Make team admin", "Delete team");

        Person newcomer = fixtures.user("pg-newcomer");
        assertThat(post(browser, "/access/teams/" + mine + "/members", "username=" + newcomer.username()).status()).isEqualTo(302);
        assertThat(member(mine, newcomer).path("username").asString()).isEqualTo(newcomer.username());

        List<JsonNode> before = fixtures.bindings();
        Posted admin = post(browser, "/access/teams/" + mine + "/bindings", "role=admin&scopeType=global");
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.body()).contains("You may not do this: it would grant", "value=\"global\" checked");
        assertThat(fixtures.bindings()).isEqualTo(before);
        assertThat(post(browser, "/access/teams/" + mine + "/members/" + newcomer.id() + "/admin", "admin=true").status())
                .isEqualTo(403);
        assertThat(member(mine, newcomer).path("teamAdmin").asBoolean()).isFalse();
        assertThat(post(browser, "/access/teams/" + theirs + "/members", "username=" + newcomer.username()).status()).isEqualTo(404);
        assertThat(fixtures.teamView(theirs).path("members")).isEmpty();
    }

    @Test
    void aViewerIsRefusedTheManagingPagesAndSeesNoAccessEntry() {
        Person viewer = fixtures.userWith("pg-viewer", "viewer", "global", null);
        String team = fixtures.team("pg-unseen");
        Http browser = new Http(port);
        browser.signIn(viewer.username(), AccessFixtures.PASSWORD);

        assertThat(browser.get("/hosts").body()).doesNotContain(">Access</a>", "/access/");
        for (String page : List.of("/access/users", "/access/teams", "/access/teams/" + team, "/access/bindings", "/access/roles/new")) {
            assertThat(browser.get(page, "Accept", "text/html").statusCode()).as(page).isEqualTo(403);
        }
        String roles = browser.get("/access/roles").body();
        assertThat(roles).contains("operator", "container.lifecycle").doesNotContain("New role", "/edit");
        assertThat(post(browser, "/access/teams", "name=pg-by-viewer").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/teams?size=1000").body()).doesNotContain("pg-by-viewer");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        String username = "pg-forged-" + AccessFixtures.suffix();

        HttpResponse<String> forged = admin.postForm("/access/users", "username=" + username + "&password="
                + Http.encode(AccessFixtures.PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/users?size=1000").body()).doesNotContain(username);
    }

    @Test
    void aTeamNameOutsideTheNameRulesIsRefusedAndEchoedAsText() {
        Posted refused = post(admin, "/access/teams", "name=" + Http.encode(SCRIPT));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("letters, digits", "value=\"" + ESCAPED + "\"").doesNotContain(SCRIPT);
        assertThat(api.get("/api/v1/teams?size=1000").body()).doesNotContain("alert(1)");
    }

    /** What a browser ends up with after a form post: its status, and the page it was sent to or the refusal. */
    record Posted(int status, String location, String body) {}

    /** Posts a form with this session's CSRF token, as the page's own form would, and follows a redirect as a browser does. */
    private static Posted post(Http browser, String path, String form) {
        String csrf = Http.csrfFrom(browser.get("/access/roles"));
        HttpResponse<String> response = browser.postForm(path, "_csrf=" + Http.encode(csrf) + (form.isEmpty() ? "" : "&" + form));
        if (response.statusCode() != 302) {
            return new Posted(response.statusCode(), null, response.body());
        }
        String location = response.headers().firstValue("Location").orElseThrow();
        location = location.substring(location.indexOf("/access/"));
        return new Posted(302, location, browser.get(location).body());
    }

    private JsonNode user(String username) {
        return AccessFixtures.items(api, "/api/v1/users?size=1000").stream()
                .filter(u -> u.path("username").asString().equals(username)).findFirst().orElseThrow();
    }

    private JsonNode member(String teamId, Person person) {
        List<JsonNode> members = new java.util.ArrayList<>();
        fixtures.teamView(teamId).path("members").forEach(members::add);
        return members.stream().filter(m -> m.path("userId").asString().equals(person.id())).findFirst().orElseThrow();
    }

    private String name(String teamId) {
        return fixtures.teamView(teamId).path("name").asString();
    }

    private JsonNode teamBinding(String teamId) {
        return fixtures.bindings().stream().filter(b -> b.path("subject").path("id").asString().equals(teamId)).findFirst().orElseThrow();
    }

    private List<String> permissions(String role) {
        List<String> keys = new java.util.ArrayList<>();
        json(api.get("/api/v1/roles/" + role)).path("permissions").forEach(key -> keys.add(key.asString()));
        return keys;
    }

    /** The admin's entries of this action on this resource, newest first. */
    private List<AuditEntry> entries(String action, String resource) {
        return audit.latest(500).stream().map(AuditTrail.RecordedEntry::entry)
                .filter(e -> e.actor().equals("admin") && e.action().equals(action) && resource.equals(e.resource())).toList();
    }

    private boolean succeeded(String action, String resource) {
        return entries(action, resource).stream().anyMatch(e -> e.outcome() == AuditEntry.Outcome.SUCCESS && e.tokenId() == null);
    }
}
