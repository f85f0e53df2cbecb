package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditEntry.Outcome;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Csv;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The Audit page as a browser uses it: filters, pages, exports, and stored values shown as the data they are. */
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=audit-page")
class AuditPageTests {

    private static final String SCRIPT = "<script>alert(1)</script>";

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    ApiSession admin;
    AccessFixtures fixtures;
    Http browser;
    UUID host;
    String hostName;

    @BeforeAll
    void signIn() {
        admin = new ApiSession(port, "audit-page");
        fixtures = new AccessFixtures(port, admin);
        hostName = "page-host-" + AccessFixtures.suffix();
        host = UUID.fromString(fixtures.host(hostName, "pages", "unix:///run/wharf-audit-page.sock"));
        browser = new Http(port);
        browser.signIn("admin", "audit-page");
    }

    @Test
    void storedValuesAreShownEscapedWithTheirHostAndOutcome() {
        String actor = "page-" + AccessFixtures.suffix();
        audit.record(new AuditEntry(actor, null, "container.stop", host, SCRIPT, Outcome.DENIED, "<b>" + SCRIPT + "</b>"));

        HttpResponse<String> page = browser.get("/audit?user=" + actor);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(SCRIPT, "<b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;&lt;script&gt;")
                .contains(hostName, "container.stop", "class=\"outcome outcome-denied\">denied<", " UTC<");
    }

    @Test
    void pageLinksKeepTheFiltersAndTheEmptyStateSaysNothingMatches() {
        String actor = "paged-" + AccessFixtures.suffix();
        for (int i = 0; i < 3; i++) {
            audit.record(new AuditEntry(actor, null, "image.pull", host, "step-" + i, Outcome.SUCCESS, null));
        }

        String first = browser.get("/audit?user=" + actor + "&action=image.*&size=2").body();
        assertThat(first).contains("step-2", "step-1").doesNotContain("step-0", "rel=\"prev\"");
        String older = link(first, "next");
        assertThat(older).contains("user=" + actor, "action=image.%2A", "size=2", "page=1");
        String second = browser.get(older).body();
        assertThat(second).contains("step-0").doesNotContain("step-1", "rel=\"next\"");
        assertThat(link(second, "prev")).contains("user=" + actor, "page=0");
        assertThat(first).contains("/audit/export.csv?user=" + actor + "&amp;action=image.%2A", "/audit/export.json?user=" + actor);

        String none = browser.get("/audit?user=nobody-" + AccessFixtures.suffix()).body();
        assertThat(none).contains("No audit entries match these filters.").doesNotContain("<table");
    }

    @Test
    void aBadFilterIsShownOnThePageAsA400() {
        HttpResponse<String> page = browser.get("/audit?from=soon");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("from: must be an ISO-8601 time", "value=\"soon\"");
        assertThat(browser.get("/audit/export.csv?outcome=maybe").statusCode()).isEqualTo(400);
    }

    @Test
    void theCsvExportNeutralisesFormulasAndQuotesWhatNeedsIt() {
        String actor = "csv-" + AccessFixtures.suffix();
        audit.record(new AuditEntry(actor, null, "role.create", null, "=HYPERLINK(\"http://evil\",\"x\")", Outcome.SUCCESS,
                "-2+3, \"quoted\"\nsecond line"));

        HttpResponse<String> csv = browser.get("/audit/export.csv?user=" + actor);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
        List<List<String>> rows = Csv.parse(csv.body());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get(6)).isEqualTo("'=HYPERLINK(\"http://evil\",\"x\")");
        assertThat(rows.get(1).get(8)).isEqualTo("'-2+3, \"quoted\"\nsecond line");
        HttpResponse<String> json = browser.get("/audit/export.json?user=" + actor);
        assertThat(ApiSession.JSON.readTree(json.body()).get(0).path("resource").asString()).isEqualTo("=HYPERLINK(\"http://evil\",\"x\")");
    }

    @Test
    void theNavigationOffersAuditOnlyToWhoMayReadSomeOfIt() {
        assertThat(browser.get("/hosts").body()).contains("href=\"/audit\"");

        Person nobody = fixtures.user("page-nobody");
        Http theirs = new Http(port);
        theirs.signIn(nobody.username(), AccessFixtures.PASSWORD);
        assertThat(theirs.get("/hosts").body()).contains("Hosts").doesNotContain("href=\"/audit\"");
        assertThat(theirs.get("/audit", "Accept", "text/html").statusCode()).isEqualTo(403);
        assertThat(theirs.get("/audit/export.csv").statusCode()).isEqualTo(403);

        Person viewer = fixtures.userWith("page-viewer", "viewer", "host", host.toString());
        Http viewers = new Http(port);
        viewers.signIn(viewer.username(), AccessFixtures.PASSWORD);
        String page = viewers.get("/audit").body();
        assertThat(page).contains("href=\"/audit\"", "<option value=\"" + host + "\">" + hostName + "</option>");
    }

    @Test
    void signInsAreRecordedUnderTheNameAsTypedAndSignOutsToo() {
        Person someone = fixtures.user("page-sign-in"); // signs in to the API with HTTP Basic for a token
        Http theirs = new Http(port);
        theirs.signIn(someone.username(), AccessFixtures.PASSWORD);
        theirs.postForm("/logout", "_csrf=" + Http.encode(Http.csrfFrom(theirs.get("/hosts"))));
        String typed = "nobody-" + AccessFixtures.suffix();
        Http stranger = new Http(port);
        stranger.postForm("/login", "username=" + typed + "&password=guess&_csrf=" + Http.encode(Http.csrfFrom(stranger.get("/login"))));

        List<String> theirEntries = ApiSession.json(admin.get("/api/v1/audit?action=session.*&user=" + someone.username()))
                .path("items").valueStream().map(e -> e.path("action").asString() + " " + e.path("outcome").asString() + " "
                        + (e.path("detail").isNull() ? "-" : e.path("detail").asString())).toList();
        assertThat(theirEntries).containsExactly("session.sign-out success -", "session.sign-in success sign-in form",
                "session.sign-in success HTTP Basic, to create a token");
        JsonNode refused = ApiSession.json(admin.get("/api/v1/audit?user=" + typed)).path("items").get(0);
        assertThat(refused.path("action").asString()).isEqualTo("session.sign-in");
        assertThat(refused.path("outcome").asString()).isEqualTo("denied");
        assertThat(refused.path("tokenId").isNull()).isTrue();
        assertThat(refused.path("clientAddress").asString()).isNotBlank();
    }

    private static String link(String page, String rel) {
        Matcher m = Pattern.compile("<a href=\"([^\"]+)\" rel=\"" + rel + "\"").matcher(page);
        assertThat(m.find()).as("a " + rel + " link").isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
