package dev.wharf.containers;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.EventStreamClient;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The container pages against a real engine, as a browser without script and as htmx use them: the row
 * actions change the engine's containers, removing asks first, the create form creates what it was told
 * and refuses what the host's policy does not allow, and what engines hold is shown as text.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=container-pages")
class ContainerPagesTests {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final String SCRIPT = "<script>alert(1)</script>";
    /** Every container these tests make carries it, so cleaning up finds exactly them. */
    final String run = "pages-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;

    ApiSession api;
    Http browser;
    String hostId;

    @BeforeAll
    void registerTheEngine() {
        TestEngines.ensureImage(TestEngines.unix());
        api = new ApiSession(port, "container-pages");
        HttpResponse<String> host = api.post("/api/v1/hosts", Map.of("name", run, "kind", "docker", "endpoint", TestEngines.unix()));
        assertThat(host.statusCode()).as(host.body()).isEqualTo(201);
        hostId = json(host).path("id").asString();
    }

    @BeforeEach
    void signIn() {
        browser = new Http(port);
        browser.signIn("admin", "container-pages");
    }

    @AfterAll
    void removeWhatTheTestsMade() {
        docker("ps", "-aq", "--filter", "label=dev.wharf.test=" + run).forEach(id -> docker("rm", "-f", id));
        docker("network", "ls", "-q", "--filter", "label=dev.wharf.test=" + run).forEach(id -> docker("network", "rm", id));
        docker("volume", "ls", "-q", "--filter", "label=dev.wharf.test=" + run).forEach(id -> docker("volume", "rm", id));
        api.delete("/api/v1/hosts/" + hostId);
    }

    @Test
    void theRowActionsDriveTheEnginesContainerAndAreAuditedAsTheApisAre() {
        String id = running("actions");
        String row = "/hosts/" + hostId + "/containers/" + id;

        HttpResponse<String> stopped = htmx(row + "/stop");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.body()).contains("<span class=\"done\">stopped</span>");
        assertThat(state(id)).isEqualTo("exited");

        HttpResponse<String> started = form(row + "/start", "back=" + Http.encode("/containers?q=" + run));
        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElseThrow()).endsWith("/containers?q=" + run);
        assertThat(state(id)).isEqualTo("running");
        assertThat(browser.get("/containers?q=" + run).body()).contains("actions started.");

        assertThat(htmx(row + "/pause").body()).contains("paused");
        assertThat(state(id)).isEqualTo("paused");
        assertThat(htmx(row + "/resume").body()).contains("resumed");
        assertThat(state(id)).isEqualTo("running");
        assertThat(htmx(row + "/restart").body()).contains("restarted");
        assertThat(state(id)).isEqualTo("running");
        assertThat(htmx(row + "/kill").body()).contains("killed");
        assertThat(state(id)).isEqualTo("exited");

        assertThat(htmx(row + "/pause").body()).as("the engine's refusal, in the row").contains("class=\"failed\"", "is not running");

        List<AuditEntry> entries = audit.latest(50).stream().map(AuditTrail.RecordedEntry::entry)
                .filter(e -> id.equals(e.resource())).toList();
        assertThat(entries).extracting(AuditEntry::action).contains("container.stop", "container.start", "container.pause",
                "container.resume", "container.restart", "container.kill");
        assertThat(entries).allSatisfy(e -> assertThat(e.actor()).isEqualTo("admin"))
                .anySatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.FAILURE));
    }

    @Test
    void theHostPageListsItsContainersWithTheirActionsAndAFormReturnsThere() {
        String id = running("on-host-page");
        String hostPage = "/hosts/" + hostId;

        String page = browser.get(hostPage).body();
        assertThat(page).contains("id=\"containers-" + hostId + "\"", run + "-on-host-page",
                "action=\"/hosts/" + hostId + "/containers/" + id + "/stop\"", "New container");
        String tabs = page.substring(page.indexOf("<nav class=\"tabs\""), page.indexOf("</nav>", page.indexOf("<nav class=\"tabs\"")));
        assertThat(tabs).as("a docker host's tabs, for its admin").contains("href=\"/hosts/" + hostId + "\" aria-current=\"page\"",
                "href=\"/hosts/" + hostId + "/containers\"", "href=\"/hosts/" + hostId + "/images\"",
                "href=\"/hosts/" + hostId + "/switches\"", "href=\"/hosts/" + hostId + "/volumes\"");

        HttpResponse<String> stopped = form(hostPage + "/containers/" + id + "/stop", "back=" + Http.encode(hostPage));
        assertThat(stopped.statusCode()).isEqualTo(302);
        assertThat(stopped.headers().firstValue("Location").orElseThrow()).endsWith(hostPage);
        assertThat(state(id)).isEqualTo("exited");
    }

    @Test
    void removingAsksFirstAndARunningContainerNeedsForce() {
        String id = running("remove");
        String row = "/hosts/" + hostId + "/containers/" + id;

        String question = browser.get(row + "/remove?back=/containers").body();
        assertThat(question).contains("Remove <span>" + run + "-remove</span>?", "Stop and remove", "name=\"back\" value=\"/containers\"");

        HttpResponse<String> refused = form(row + "/remove", "back=/containers");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("running container", "Stop and remove");
        assertThat(state(id)).isEqualTo("running");

        HttpResponse<String> removed = form(row + "/remove", "force=true&back=/containers");
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(removed.headers().firstValue("Location").orElseThrow()).endsWith("/containers");
        assertThat(docker("ps", "-aq", "--no-trunc", "--filter", "id=" + id)).isEmpty();
        assertThat(browser.get("/containers").body()).contains("Removed container " + run + "-remove.");
    }

    @Test
    void theCreateFormCreatesWhatItWasToldAndStartsIt() {
        String name = run + "-made";
        HttpResponse<String> created = form("/hosts/" + hostId + "/containers", "image=" + Http.encode(TestEngines.IMAGE)
                + "&name=" + name + "&command=" + Http.encode("sh -c 'echo made by the form; sleep 3600'")
                + "&labels=" + Http.encode("dev.wharf.test=" + run + "\nrole=made") + "&env=" + Http.encode("GREETING=hi")
                + "&network=none&memory=64&restartPolicy=no&start=true");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(302);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches(".*/hosts/" + hostId + "/containers/[0-9a-f]{64}");
        String id = location.substring(location.lastIndexOf('/') + 1);
        assertThat(state(id)).isEqualTo("running");
        assertThat(docker("inspect", "-f", "{{.Name}} {{index .Config.Labels \"role\"}} {{.HostConfig.Memory}} {{json .Config.Cmd}}", id))
                .containsExactly("/" + name + " made 67108864 [\"sh\",\"-c\",\"echo made by the form; sleep 3600\"]");
        assertThat(browser.get(location.substring(location.indexOf("/hosts/"))).body()).contains("Created and started container " + name);
    }

    @Test
    void theCreateFormRefusesWhatTheHostsPolicyDoesNotAllowAndCreatesNothing() {
        String labels = "labels=" + Http.encode("dev.wharf.test=" + run);
        HttpResponse<String> bind = form("/hosts/" + hostId + "/containers", "image=" + Http.encode(TestEngines.IMAGE) + "&" + labels
                + "&mounts=" + Http.encode("volume:" + run + ":/data\nbind:/etc:/host-etc:ro"));
        // the box is disabled on this host's form; a request that sends it anyway is refused all the same
        HttpResponse<String> privileged = form("/hosts/" + hostId + "/containers", "image=" + Http.encode(TestEngines.IMAGE) + "&" + labels
                + "&privileged=true");

        assertThat(bind.statusCode()).isEqualTo(403);
        assertThat(bind.body()).contains("id=\"mounts-error\">line 2: binding host path &#39;/etc&#39;",
                "bind:/etc:/host-etc:ro</textarea>");
        assertThat(privileged.statusCode()).isEqualTo(403);
        assertThat(privileged.body()).contains("id=\"privileged-error\">a privileged container is refused");
        assertThat(docker("ps", "-aq", "--filter", "label=dev.wharf.test=" + run, "--filter", "status=created")).isEmpty();

        assertThat(browser.get("/hosts/" + hostId + "/containers/new").body().replaceAll("\\s+", " "))
                .containsPattern("name=\"privileged\" value=\"true\"[^>]*disabled")
                .contains("This host's policy does not allow privileged containers; someone with host.manage globally can open it.");
    }

    @Test
    void namesAndLabelsFromTheEngineAreShownAsText() {
        String id = docker("run", "-d", "--pull", "never", "--network", "none", "--label", "dev.wharf.test=" + run,
                "--label", "note=" + HOSTILE, "--name", run + "-hostile", TestEngines.IMAGE, "sleep", "3600").get(0);
        await().atMost(WAIT).until(() -> browser.get("/containers?q=" + run + "-hostile").body().contains(id));

        for (String page : List.of("/containers?label=note", "/hosts/" + hostId + "/containers")) {
            String body = browser.get(page).body();
            assertThat(body).as(page).contains("note=&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);
        }
        assertThat(browser.get("/containers?q=" + Http.encode(HOSTILE)).body()).doesNotContain(HOSTILE)
                .contains("value=\"&lt;img src=x onerror=alert(1)&gt;\"");
    }

    @Test
    void theFleetTableFiltersAndSortsTheEnginesContainers() {
        String a = running("sort-a");
        String b = running("sort-b");
        docker("stop", "-t", "1", b);
        await().atMost(WAIT).until(() -> browser.get("/containers?state=exited&q=" + run + "-sort").body().contains(b));

        String running = browser.get("/containers?state=running&q=" + run + "-sort").body();
        assertThat(running).contains(a).doesNotContain(b);
        String byNameDescending = browser.get("/containers?q=" + run + "-sort&sort=name&dir=desc").body();
        assertThat(byNameDescending.indexOf(run + "-sort-b")).isLessThan(byNameDescending.indexOf(run + "-sort-a")).isPositive();
        String fragment = browser.send(browser.request("/containers?q=" + run + "-sort&sort=name").header("HX-Request", "true")
                .header("HX-Target", "fleet-results").GET()).body();
        assertThat(fragment.strip()).startsWith("<section id=\"fleet-results\"");
        assertThat(fragment.indexOf(run + "-sort-a")).isLessThan(fragment.indexOf(run + "-sort-b")).isPositive();
    }

    @Test
    void theContainerPageShowsWhatTheEngineHoldsAndItsLogAsTextAndAsAFile() throws Exception {
        String network = run + "-net";
        docker("network", "create", "--internal", "--label", "dev.wharf.test=" + run, network);
        docker("volume", "create", "--label", "dev.wharf.test=" + run, run + "-data");
        String script = "echo first line; printf '\\033[31mred alert\\033[0m and \\033]0;a title\\007plain\\n'; "
                + "echo '" + SCRIPT + "'; echo '" + HOSTILE + "'; while true; do sleep 1; done";
        String id = docker("run", "-d", "--pull", "never", "--network", network, "-p", "127.0.0.1::8080",
                "--label", "dev.wharf.test=" + run, "--label", "note=" + SCRIPT, "-e", "GREETING=" + HOSTILE,
                "--memory", "64m", "--cpus", "0.5", "--restart", "on-failure:3", "-v", run + "-data:/data",
                "--name", run + "-page", TestEngines.IMAGE, "sh", "-c", script).get(0);
        String path = "/hosts/" + hostId + "/containers/" + id;

        String page = browser.get(path).body();

        assertThat(page).contains("64.0 MiB", "0.5 CPUs", "on-failure:3", "127.0.0.1:— → 8080/tcp", "→ /data</code>", network,
                "note=&lt;script&gt;alert(1)&lt;/script&gt;", "&quot;GREETING&quot; : &quot;&lt;img src=x onerror=alert(1)&gt;&quot;",
                "&quot;memoryLimitBytes&quot; : 67108864", "&quot;cpuLimit&quot; : 0.5", path + "/logs/download")
                .doesNotContain(SCRIPT, HOSTILE);

        HttpResponse<String> download = browser.get(path + "/logs/download");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"" + run + "-page.log\"");
        List<String> lines = download.body().lines().toList();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z .*"));
        assertThat(lines.get(0)).endsWith(" first line");
        assertThat(lines.get(1)).endsWith(" red alert and plain");
        assertThat(lines.get(2)).endsWith(" " + SCRIPT); // a text file: the text as written, minus escapes
        assertThat(download.body()).doesNotContain("\u001b", "\u0007");

        try (var log = EventStreamClient.open(browser.client(), browser.request(path + "/logs/stream")
                .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(5)))) {
            await().atMost(WAIT).until(() -> log.events().stream().filter(e -> "log".equals(e.type())).count() >= 4);
            String html = log.events().stream().map(EventStreamClient.Event::raw).reduce("", String::concat);
            assertThat(html).contains("<span class=\"ansi-fg-red\">red alert</span><span> and plain</span>",
                    "<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>", "<span>&lt;img src=x onerror=alert(1)&gt;</span>")
                    .doesNotContain("\u001b", SCRIPT, HOSTILE);
        }
    }

    /** A container that stops as soon as it is asked, so stop and restart take no grace period. */
    private String running(String suffix) {
        String id = docker("run", "-d", "--pull", "never", "--network", "none", "--label", "dev.wharf.test=" + run,
                "--name", run + "-" + suffix, TestEngines.IMAGE, "sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done").get(0);
        await().atMost(WAIT).until(() -> browser.get("/hosts/" + hostId + "/containers").body().contains(id));
        return id;
    }

    private HttpResponse<String> htmx(String path) {
        String csrf = Http.csrfFrom(browser.get("/hosts/" + hostId + "/containers"));
        return browser.send(browser.request(path).header("HX-Request", "true").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Http.encode(csrf))));
    }

    private HttpResponse<String> form(String path, String fields) {
        String csrf = Http.csrfFrom(browser.get("/hosts/" + hostId + "/containers"));
        return browser.postForm(path, "_csrf=" + Http.encode(csrf) + "&" + fields);
    }

    private String state(String id) {
        return docker("inspect", "-f", "{{.State.Status}}", id).get(0);
    }

    private static List<String> docker(String... args) {
        return TestEngines.cli(TestEngines.unix(), args);
    }
}
