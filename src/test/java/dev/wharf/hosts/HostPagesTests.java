package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Http;
import dev.wharf.testing.TestPki;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The host pages as a browser uses them: forms with CSRF tokens and PEM file uploads, no script needed. */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=host-pages")
class HostPagesTests {

    static final TestPki.Issued CA = TestPki.ca("CN=Pages CA");
    static final TestPki.Issued CLIENT = TestPki.issue(CA, "CN=pages-client");

    @LocalServerPort
    int port;

    Http browser;

    @BeforeEach
    void signIn() {
        browser = new Http(port);
        browser.signIn("admin", "host-pages");
    }

    @Test
    void theLayoutNamesEverySectionOfTheConsole() {
        String page = browser.get("/hosts").body();

        assertThat(page).contains("Dashboard", "Hosts", "Containers", "Images", "Virtual switches", "Audit", ">Access<",
                "/assets/wharf.css", "/assets/wharf.js");
    }

    @Test
    void aRemoteHostIsRegisteredWithUploadedPemFilesEditedAndRemoved() {
        HttpResponse<String> registered = browser.postMultipart("/hosts",
                form("pages-remote", "tcp://127.0.0.1:2376"),
                Map.of("tlsCaFile", new String[] {"ca.pem", CA.certPem()},
                        "tlsCertFile", new String[] {"cert.pem", CLIENT.certPem()},
                        "tlsKeyFile", new String[] {"key.pem", CLIENT.keyPem()}));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(302);
        String hostPage = registered.headers().firstValue("Location").orElseThrow();
        assertThat(hostPage).matches(".*/hosts/[0-9a-f-]{36}");
        String path = hostPage.substring(hostPage.indexOf("/hosts/"));
        HttpResponse<String> host = browser.get(path);
        assertThat(host.body()).contains("pages-remote", "tcp://127.0.0.1:2376", "CN=pages-client", "Registered host pages-remote.");
        assertThat(browser.get("/hosts").body()).contains("pages-remote");

        HttpResponse<String> editForm = browser.get(path + "/edit");
        assertThat(editForm.body()).contains("Leave all three empty to keep it").doesNotContain(keyLine());
        HttpResponse<String> edited = browser.postMultipart(path, form("pages-renamed", "tcp://127.0.0.1:2376"), Map.of());
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(302);
        assertThat(browser.get(path).body()).contains("pages-renamed", "CN=pages-client");

        assertThat(browser.get(path + "/remove").body()).contains("Remove", "pages-renamed", "containers keep running");
        HttpResponse<String> removed = browser.postForm(path + "/remove", "_csrf=" + Http.encode(Http.csrfFrom(browser.get("/hosts"))));
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(browser.get("/hosts").body()).contains("Removed host pages-renamed.");
        assertThat(browser.get("/hosts").body()).doesNotContain("pages-renamed");
        assertThat(browser.get(path, "Accept", "text/html").statusCode()).isEqualTo(404);
    }

    @Test
    void aRefusedFormShowsTheReasonNextToTheFieldAndNeverEchoesTheKey() {
        Map<String, String> fields = form("pages-bad", "http://docker1:2375");
        fields.put("tlsKey", CLIENT.keyPem());

        HttpResponse<String> refused = browser.postMultipart("/hosts", fields, Map.of());

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("unsupported scheme", "value=\"pages-bad\"").doesNotContain(keyLine());
        assertThat(browser.get("/hosts").body()).doesNotContain("pages-bad");
    }

    @Test
    void aDuplicateNameIsRefusedWith409() {
        assertThat(browser.postMultipart("/hosts", form("pages-twin", "unix:///var/run/docker.sock"), Map.of()).statusCode())
                .isEqualTo(302);

        HttpResponse<String> twin = browser.postMultipart("/hosts", form("pages-twin", "unix:///run/docker.sock"), Map.of());

        assertThat(twin.statusCode()).isEqualTo(409);
        assertThat(twin.body()).contains("already registered");
    }

    @Test
    void whatCameFromOutsideIsShownAsTextNeverMarkup() {
        HttpResponse<String> registered = browser.postMultipart("/hosts",
                form("pages-escape", "unix:///tmp/<b>bold</b>.sock"), Map.of());
        String path = registered.headers().firstValue("Location").orElseThrow();

        String page = browser.get(path.substring(path.indexOf("/hosts/"))).body();

        assertThat(page).contains("unix:///tmp/&lt;b&gt;bold&lt;/b&gt;.sock").doesNotContain("<b>bold</b>");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        Map<String, String> fields = form("pages-forged", "unix:///var/run/docker.sock");
        fields.remove("_csrf");

        assertThat(browser.postMultipart("/hosts", fields, Map.of()).statusCode()).isEqualTo(403);
        assertThat(browser.get("/hosts").body()).doesNotContain("pages-forged");
    }

    @Test
    void anUnknownHostPageIsTheNotFoundPage() {
        HttpResponse<String> missing = browser.get("/hosts/" + UUID.randomUUID(), "Accept", "text/html");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Not found", "Dashboard");
    }

    private Map<String, String> form(String name, String endpoint) {
        Map<String, String> fields = new HashMap<>();
        fields.put("_csrf", Http.csrfFrom(browser.get("/hosts/new")));
        fields.put("name", name);
        fields.put("group", "");
        fields.put("kind", "docker");
        fields.put("endpoint", endpoint);
        return fields;
    }

    private static String keyLine() {
        return CLIENT.keyPem().lines().skip(1).findFirst().orElseThrow();
    }
}
