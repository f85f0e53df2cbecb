package dev.wharf.switches;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The switch pages against the real unix engine, as a browser without script and as htmx use them. Every
 * network here is internal. A container on network none cannot join another network (Docker refuses to mix
 * "none" with any other), so the test's container starts on an internal network of its own and is then
 * connected to the switch made through the page.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=switch-pages")
class SwitchPagesTests {

    final String run = "swpages-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;

    ApiSession api;
    Http browser;
    String hostId;

    @BeforeAll
    void registerTheEngineAndSignIn() {
        TestEngines.ensureImage(TestEngines.unix());
        api = new ApiSession(port, "switch-pages");
        HttpResponse<String> host = api.post("/api/v1/hosts", Map.of("name", run, "kind", "docker", "endpoint", TestEngines.unix()));
        assertThat(host.statusCode()).as(host.body()).isEqualTo(201);
        hostId = json(host).path("id").asString();
        browser = new Http(port);
        browser.signIn("admin", "switch-pages");
    }

    @AfterAll
    void removeWhatTheTestsMade() {
        docker("ps", "-aq", "--filter", "label=dev.wharf.test=" + run).forEach(id -> docker("rm", "-f", id));
        docker("network", "ls", "-q", "--filter", "name=" + run).forEach(id -> docker("network", "rm", id));
        api.delete("/api/v1/hosts/" + hostId);
    }

    @Test
    void aSwitchMadeOnThePageTakesAContainerLetsItGoAndIsRemovedAfterAsking() {
        String base = run + "-base";
        docker("network", "create", "--internal", base);
        String container = docker("run", "-d", "--name", run + "-web", "--label", "dev.wharf.test=" + run, "--network", base,
                TestEngines.IMAGE, "sleep", "600").get(0);
        String name = run + "-lab";
        String pages = "/hosts/" + hostId + "/switches";

        // the form: internal is ticked already
        assertThat(browser.get(pages + "/new").body()).contains("name=\"internal\" value=\"true\" checked=\"checked\"");
        HttpResponse<String> refused = form(pages, "name=" + name + "&type=bridge&subnet=10.1.2.3&internal=true");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"subnet-error\"", "value=\"" + name + "\"", "value=\"10.1.2.3\"");

        HttpResponse<String> created = form(pages, "name=" + name + "&type=bridge&internal=true");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String switchPage = java.net.URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        String switchId = switchPage.substring(switchPage.lastIndexOf('/') + 1);
        assertThat(docker("network", "inspect", "-f", "{{.Internal}} {{.Driver}}", name)).containsExactly("true bridge");
        assertThat(browser.get(switchPage).body()).contains("Created switch " + name + " (internal).", "yes: no route outside the host");
        assertThat(browser.get(pages).body()).contains(name);

        // connect through htmx: the attached part comes back with the container in it
        HttpResponse<String> connected = htmx(pages + "/" + switchId + "/connect", "containerId=" + container);
        assertThat(connected.statusCode()).isEqualTo(200);
        assertThat(connected.body()).startsWith("<section id=\"attached\"").contains("Connected " + run + "-web.",
                "aria-label=\"Disconnect " + run + "-web\"");
        assertThat(docker("network", "inspect", "-f", "{{range .Containers}}{{.Name}}{{end}}", name)).containsExactly(run + "-web");
        assertThat(browser.get(switchPage).body()).contains("href=\"/hosts/" + hostId + "/containers/" + container + "\"");
        assertThat(browser.get(pages).body()).as("the host's list shows who is attached")
                .contains("href=\"/hosts/" + hostId + "/containers/" + container + "\"");

        // a switch with a container on it: the engine refuses, and the question says why
        String question = browser.get(switchPage + "/remove").body();
        assertThat(question).contains("Remove switch <span>" + name + "</span>?", "disconnect them");
        HttpResponse<String> stillAttached = form(switchPage + "/remove", "");
        assertThat(stillAttached.statusCode()).isEqualTo(409);
        assertThat(stillAttached.body()).contains("active endpoints");

        // disconnect as a plain form: back to the switch's page with a notice
        HttpResponse<String> disconnected = form(pages + "/" + switchId + "/disconnect", "containerId=" + container);
        assertThat(disconnected.statusCode()).isEqualTo(302);
        assertThat(browser.get(switchPage).body()).contains("Disconnected " + run + "-web.", "No container is attached.");
        assertThat(docker("network", "inspect", "-f", "{{len .Containers}}", name)).containsExactly("0");

        HttpResponse<String> removed = form(switchPage + "/remove", "");
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(removed.headers().firstValue("Location").orElseThrow()).endsWith(pages);
        assertThat(docker("network", "ls", "-q", "--filter", "name=^" + name + "$")).isEmpty();
        assertThat(browser.get(pages).body()).contains("Removed switch " + name + ".");

        List<AuditEntry> entries = audit.latest(50).stream().map(AuditTrail.RecordedEntry::entry)
                .filter(e -> e.resource() != null && (e.resource().contains(name) || e.resource().contains(switchId))).toList();
        assertThat(entries).extracting(AuditEntry::action).contains("switch.create", "switch.connect", "switch.disconnect", "switch.delete");
        assertThat(entries).allSatisfy(e -> assertThat(e.actor()).isEqualTo("admin"));
    }

    private HttpResponse<String> htmx(String path, String fields) {
        String csrf = Http.csrfFrom(browser.get("/hosts/" + hostId + "/switches/new"));
        return browser.send(browser.request(path).header("HX-Request", "true").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Http.encode(csrf) + "&" + fields)));
    }

    private HttpResponse<String> form(String path, String fields) {
        String csrf = Http.csrfFrom(browser.get("/hosts/" + hostId + "/switches/new"));
        return browser.postForm(path, "_csrf=" + Http.encode(csrf) + (fields.isEmpty() ? "" : "&" + fields));
    }

    private static List<String> docker(String... args) {
        return TestEngines.cli(TestEngines.unix(), args);
    }
}
