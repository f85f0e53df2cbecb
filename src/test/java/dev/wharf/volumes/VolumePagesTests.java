package dev.wharf.volumes;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The volume pages against the real unix engine: create with labels, the list naming the container that
 * uses a volume, a remove the engine refuses while it is used, and a prune whose preview lists exactly the
 * unused volumes and which then removes them.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=volume-pages")
class VolumePagesTests {

    final String run = "volpages-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;

    ApiSession api;
    Http browser;
    String hostId;

    @BeforeAll
    void registerTheEngineAndSignIn() {
        TestEngines.ensureImage(TestEngines.unix());
        api = new ApiSession(port, "volume-pages");
        HttpResponse<String> host = api.post("/api/v1/hosts", Map.of("name", run, "kind", "docker", "endpoint", TestEngines.unix()));
        assertThat(host.statusCode()).as(host.body()).isEqualTo(201);
        hostId = json(host).path("id").asString();
        browser = new Http(port);
        browser.signIn("admin", "volume-pages");
    }

    @AfterAll
    void removeWhatTheTestsMade() {
        docker("ps", "-aq", "--filter", "label=dev.wharf.test=" + run).forEach(id -> docker("rm", "-f", id));
        docker("volume", "ls", "-q", "--filter", "name=" + run).forEach(v -> docker("volume", "rm", "-f", v));
        api.delete("/api/v1/hosts/" + hostId);
    }

    @Test
    void volumesAreMadeListedWithTheirUsersRefusedWhileUsedAndPrunedAfterAPreview() {
        String pages = "/hosts/" + hostId + "/volumes";
        String used = run + "-used", spareA = run + "-spare-a", spareB = run + "-spare-b";

        HttpResponse<String> nameless = form(pages, "name=&driver=local&labels=");
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(nameless.body()).contains("id=\"name-error\"");
        for (String name : List.of(used, spareA, spareB)) {
            HttpResponse<String> created = form(pages, "name=" + name + "&driver=local&labels=" + Http.encode("dev.wharf.test=" + run + "\nrole=page"));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        }
        assertThat(docker("volume", "inspect", "-f", "{{index .Labels \"role\"}} {{.Driver}}", used)).containsExactly("page local");
        String container = docker("run", "-d", "--name", used + "-c", "--label", "dev.wharf.test=" + run, "--network", "none",
                "-v", used + ":/data", TestEngines.IMAGE, "sleep", "600").get(0);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String list = browser.get(pages).body();
            assertThat(list).contains("<code>" + spareA + "</code>", "role=page",
                    "href=\"/hosts/" + hostId + "/containers/" + container + "\">" + used + "-c</a>");
        });

        HttpResponse<String> inUse = form(pages + "/" + used + "/remove", "");
        assertThat(inUse.statusCode()).isEqualTo(409);
        assertThat(inUse.body()).contains("in use", "name=\"force\" value=\"true\"");

        // the preview names exactly this test's unused volumes (others on the shared engine may show too)
        String preview = browser.get(pages + "/prune").body();
        Matcher listed = Pattern.compile("<code>(" + Pattern.quote(run) + "[^<]*)</code>").matcher(preview);
        List<String> ours = listed.results().map(m -> m.group(1)).sorted().toList();
        assertThat(ours).containsExactly(spareA, spareB);
        assertThat(preview).contains("name=\"confirm\" value=\"true\"");

        HttpResponse<String> pruned = form(pages + "/prune", "confirm=true");
        assertThat(pruned.statusCode()).isEqualTo(302);
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + run)).containsExactly(used);
        assertThat(browser.get(pages).body()).contains("Pruned ", spareA, spareB);

        docker("rm", "-f", container);
        HttpResponse<String> removed = form(pages + "/" + used + "/remove", "");
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + run)).isEmpty();
        assertThat(browser.get(pages).body()).contains("Removed volume " + used + ".");
    }

    private HttpResponse<String> form(String path, String fields) {
        String csrf = Http.csrfFrom(browser.get("/hosts/" + hostId + "/volumes/new"));
        return browser.postForm(path, "_csrf=" + Http.encode(csrf) + (fields.isEmpty() ? "" : "&" + fields));
    }

    private static List<String> docker(String... args) {
        return TestEngines.cli(TestEngines.unix(), args);
    }
}
