package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The account page (own password and tokens), automation accounts' tokens, and the effective-access page, as a browser uses them. */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=account-pages")
class AccountPagesTests {

    private static final Pattern SECRET = Pattern.compile("(wharf_[A-Za-z0-9_-]{20,})");

    @LocalServerPort
    int port;

    ApiSession admin;
    AccessFixtures fixtures;

    @BeforeEach
    void admin() {
        admin = new ApiSession(port, "account-pages");
        fixtures = new AccessFixtures(port, admin);
    }

    @Test
    void aUserChangesTheirPasswordOnTheAccountPageOnlyWithTheCurrentOne() {
        Person person = fixtures.user("pw-page");
        Http browser = signedIn(person.username(), AccessFixtures.PASSWORD);
        String newPassword = "another long password here";

        HttpResponse<String> wrong = post(browser, "/account", "/account/password",
                Map.of("currentPassword", "wrong wrong wrong", "newPassword", newPassword, "repeatPassword", newPassword));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("The password was not changed", "currentPassword is not your current password");
        HttpResponse<String> mismatch = post(browser, "/account", "/account/password",
                Map.of("currentPassword", AccessFixtures.PASSWORD, "newPassword", newPassword, "repeatPassword", newPassword + "!"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("does not match");
        assertThat(basic(person.username(), AccessFixtures.PASSWORD)).isEqualTo(201);

        HttpResponse<String> changed = post(browser, "/account", "/account/password",
                Map.of("currentPassword", AccessFixtures.PASSWORD, "newPassword", newPassword, "repeatPassword", newPassword));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(browser.get("/account").body()).contains("Your password is changed.");
        assertThat(basic(person.username(), AccessFixtures.PASSWORD)).isEqualTo(401);
        signedIn(person.username(), newPassword);
    }

    @Test
    void aTokenMadeOnTheAccountPageIsShownOnceHoldsItsLimitsAndCanBeRevoked() {
        Person person = fixtures.userWith("tok-page", "viewer", "global", null);
        Http browser = signedIn(person.username(), AccessFixtures.PASSWORD);
        assertThat(browser.get("/account").body()).contains("value=\"image.read\"").doesNotContain("value=\"user.manage\"");

        HttpResponse<String> made = post(browser, "/account", "/account/tokens",
                Map.of("name", "<script>alert(1)</script>", "expiresInDays", "7", "permissions", "host.read", "scope", "all"));
        assertThat(made.statusCode()).isEqualTo(201);
        Matcher secret = SECRET.matcher(made.body());
        assertThat(secret.find()).as(made.body()).isTrue();
        String token = secret.group(1);
        assertThat(made.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)</script>");

        Http api = new Http(port);
        assertThat(api.get("/api/v1/hosts", Http.bearer(token)).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/hosts/" + java.util.UUID.randomUUID() + "/images", Http.bearer(token)).statusCode()).isEqualTo(404);
        assertThat(json(api.get("/api/v1/tokens", Http.bearer(token))).path("items").get(0).path("permissions").get(0).asString())
                .isEqualTo("host.read");
        assertThat(browser.get("/account").body()).doesNotContain(token); // shown once

        String tokenId = json(api.get("/api/v1/me", Http.bearer(token))).path("tokenId").asString();
        HttpResponse<String> revoked = post(browser, "/account", "/account/tokens/" + tokenId + "/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(302);
        assertThat(api.get("/api/v1/hosts", Http.bearer(token)).statusCode()).isEqualTo(401);
    }

    @Test
    void aTokenFormAskingForMoreThanTheOwnerHoldsShowsWhyAndMakesNothing() {
        Person person = fixtures.userWith("tok-greedy", "viewer", "global", null);
        Http browser = signedIn(person.username(), AccessFixtures.PASSWORD);
        HttpResponse<String> refused = post(browser, "/account", "/account/tokens", Map.of("name", "more", "permissions", "user.manage"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The token was not made", "holds user.manage nowhere");
        assertThat(AccessFixtures.items(person.api(), "/api/v1/tokens")).hasSize(1); // the fixture's own
    }

    @Test
    void anAdminMakesTokensForAnAutomationAccountOnItsPage() {
        String name = "bot-page-" + AccessFixtures.suffix();
        String botId = json(admin.post("/api/v1/users", Map.of("username", name, "automation", true))).path("id").asString();
        fixtures.bind("user", botId, "viewer", "global", null);
        Http browser = signedIn("admin", "account-pages");
        String page = "/access/users/" + botId + "/tokens";

        HttpResponse<String> made = post(browser, page, page, Map.of("name", "deploy", "expiresInDays", "30", "scope", "all"));
        assertThat(made.statusCode()).isEqualTo(201);
        Matcher secret = SECRET.matcher(made.body());
        assertThat(secret.find()).isTrue();
        assertThat(json(new Http(port).get("/api/v1/me", Http.bearer(secret.group(1)))).path("user").path("username").asString())
                .isEqualTo(name);
        assertThat(browser.get(page).body()).contains("deploy").doesNotContain(secret.group(1));

        Person viewer = fixtures.userWith("not-admin", "viewer", "global", null);
        assertThat(signedIn(viewer.username(), AccessFixtures.PASSWORD).get(page).statusCode()).isEqualTo(403);
    }

    @Test
    void theEffectiveAccessPageNamesTheBindingBehindEachPermission() {
        Person person = fixtures.userWith("eff-page", "viewer", "global", null);
        String team = fixtures.team("eff");
        fixtures.member(team, person, false);
        String teamBinding = fixtures.bind("team", team, "operator", "global", null);
        Http browser = signedIn("admin", "account-pages");

        HttpResponse<String> page = browser.get("/access/effective?user=" + person.username());
        assertThat(page.statusCode()).isEqualTo(200);
        String lifecycleRow = row(page.body(), "container.lifecycle");
        assertThat(lifecycleRow).contains("yes", "operator", teamBinding, "team");
        assertThat(row(page.body(), "user.manage")).contains("no");

        HttpResponse<String> stranger = signedIn(person.username(), AccessFixtures.PASSWORD).get("/access/effective?user=admin");
        assertThat(stranger.statusCode()).isEqualTo(404);
        assertThat(stranger.body()).contains("No user &#39;admin&#39;");
    }

    @Test
    void aPasswordFormWithoutItsCsrfTokenIsRefusedAndChangesNothing() {
        Person person = fixtures.user("pw-csrf");
        Http browser = signedIn(person.username(), AccessFixtures.PASSWORD);
        HttpResponse<String> forged = browser.postForm("/account/password", "currentPassword=" + Http.encode(AccessFixtures.PASSWORD)
                + "&newPassword=forged+password+123&repeatPassword=forged+password+123");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(basic(person.username(), AccessFixtures.PASSWORD)).isEqualTo(201);
    }

    private static String row(String html, String permission) {
        int start = html.indexOf("data-permission=\"" + permission + "\"");
        assertThat(start).as(permission + " row").isPositive();
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private Http signedIn(String username, String password) {
        Http browser = new Http(port);
        browser.signIn(username, password);
        return browser;
    }

    private static HttpResponse<String> post(Http browser, String formPage, String path, Map<String, String> fields) {
        StringBuilder form = new StringBuilder("_csrf=" + Http.encode(Http.csrfFrom(browser.get(formPage))));
        fields.forEach((name, value) -> form.append('&').append(name).append('=').append(Http.encode(value)));
        return browser.postForm(path, form.toString());
    }

    private int basic(String username, String password) {
        return new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic(username, password)).statusCode();
    }
}
