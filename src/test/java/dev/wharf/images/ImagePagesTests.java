package dev.wharf.images;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.EventStreamClient;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.TestEnv;
import dev.wharf.testing.TestImagesInRegistry;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The image pages against a real engine and the test registry, as a browser without script and as htmx
 * use them: the table shows what the engine holds, and tagging, removing, pruning and pulling through the
 * pages change the engine and are audited as the API's are.
 */
@UsesTestEngines
@UsesTestDatabase
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=image-pages")
class ImagePagesTests {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** Every image and container these tests make is named after it, so cleaning up finds exactly them. */
    final String run = "wharf-pages-" + UUID.randomUUID().toString().substring(0, 8);

    @LocalServerPort
    int port;
    @Autowired
    AuditTrail audit;

    ApiSession api;
    Http browser;
    String hostId;
    String page;
    final List<String> pulled = new ArrayList<>();

    @BeforeAll
    void registerTheEngine() {
        TestEngines.ensureImage(TestEngines.unix());
        api = new ApiSession(port, "image-pages");
        HttpResponse<String> host = api.post("/api/v1/hosts", Map.of("name", run, "kind", "docker", "endpoint", TestEngines.unix()));
        assertThat(host.statusCode()).as(host.body()).isEqualTo(201);
        hostId = json(host).path("id").asString();
        page = "/hosts/" + hostId + "/images";
    }

    @BeforeEach
    void signIn() {
        browser = new Http(port);
        browser.signIn("admin", "image-pages");
    }

    @AfterAll
    void removeWhatTheTestsMade() {
        docker("ps", "-aq", "--filter", "label=dev.wharf.test=" + run).forEach(id -> docker("rm", "-f", id));
        docker("images", "--format", "{{.Repository}}:{{.Tag}}").stream().filter(ref -> ref.startsWith(run) || pulled.contains(ref))
                .forEach(ref -> docker("rmi", "-f", ref));
        api.delete("/api/v1/hosts/" + hostId);
    }

    @Test
    void theHostPageListsTheEnginesImagesWithTheirTagsAndTheContainersUsingThem() {
        String image = imported("listed:1");
        docker("tag", image, run + "/listed:also");
        String container = run + "-user";
        docker("create", "--name", container, "--network", "none", "--label", "dev.wharf.test=" + run, run + "/listed:1", "sh");

        await().atMost(WAIT).until(() -> row(browser.get(page).body(), image).contains(container));
        String html = browser.get(page).body();
        String row = row(html, image);
        assertThat(row).contains(run + "/listed:1", run + "/listed:also", image.substring(7, 19), "/containers/")
                .contains(">" + container + "</a>");
        String testImage = docker("image", "inspect", "--format", "{{.Id}}", TestEngines.IMAGE).get(0);
        assertThat(row(html, testImage)).contains(TestEngines.IMAGE).doesNotContain(container);
    }

    @Test
    void taggingThroughThePageAddsTheTagOnTheEngineAndIsAudited() {
        String image = imported("tag-me:1");

        HttpResponse<String> refused = form(page + "/" + image + "/tag", "repo=" + Http.encode("Not Valid") + "&tag=2");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("must be a repository name", "value=\"Not Valid\"");

        HttpResponse<String> tagged = form(page + "/" + image + "/tag", "repo=" + Http.encode(run + "/tagged") + "&tag=2");

        assertThat(tagged.statusCode()).as(tagged.body()).isEqualTo(302);
        assertThat(docker("image", "inspect", "--format", "{{join .RepoTags \",\"}}", image).get(0)).contains(run + "/tagged:2");
        assertThat(browser.get(page).body()).contains("Tagged " + image.substring(7, 19) + " as " + run + "/tagged:2.");
        assertThat(entries("image.tag", image)).anySatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS));
    }

    @Test
    void removingAsksFirstAndAnImageAContainerUsesNeedsForce() {
        String image = imported("remove-me:1");
        docker("create", "--name", run + "-holder", "--network", "none", "--label", "dev.wharf.test=" + run, image, "sh");
        await().atMost(WAIT).until(() -> browser.get(page).body().contains(run + "/remove-me:1"));

        String question = browser.get(page + "/" + image + "/remove").body();
        assertThat(question).contains("Remove <code>" + run + "/remove-me:1</code>?", "Remove image", run + "-holder");

        HttpResponse<String> refused = form(page + "/" + image + "/remove", "x=1");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("being used by", "name=\"force\"");
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", image)).containsExactly(image);

        HttpResponse<String> removed = form(page + "/" + image + "/remove", "force=true");
        assertThat(removed.statusCode()).isEqualTo(302);
        assertThat(gone(image)).isTrue();
        assertThat(browser.get(page).body()).contains("Removed image " + run + "/remove-me:1.").doesNotContain(image.substring(7, 19));
        assertThat(entries("image.delete", image)).extracting(AuditEntry::outcome)
                .contains(AuditEntry.Outcome.FAILURE, AuditEntry.Outcome.SUCCESS);
    }

    @Test
    void pruningPreviewsTheDanglingImagesThenRemovesThem() {
        // importing under the same tag again leaves the earlier import untagged: dangling
        String first = imported("dangle:1");
        String second = imported("dangle:1");
        imported("dangle:1");
        await().atMost(WAIT).until(() -> browser.get(page).body().contains(second.substring(7, 19)));

        String preview = browser.get(page + "/prune").body();
        List<String> listed = ids(preview);
        assertThat(listed).contains(first, second);
        List<String> dangling = docker("images", "--no-trunc", "-q", "--filter", "dangling=true");
        assertThat(dangling).containsAll(listed);

        HttpResponse<String> pruned = form(page + "/prune", "confirm=true");

        assertThat(pruned.statusCode()).isEqualTo(200);
        assertThat(pruned.body()).contains("reclaimed", first, second);
        assertThat(gone(first)).isTrue();
        assertThat(gone(second)).isTrue();
        assertThat(docker("image", "inspect", "--format", "{{.Id}}", run + "/dangle:1")).hasSize(1);
        assertThat(entries("image.prune", null)).isNotEmpty();
    }

    @Test
    void aPullThroughThePageMovesItsPanelOnTheLiveStreamAndEndsWithTheImageInTheTable() throws Exception {
        String reference = TestImagesInRegistry.pushImageWithABigLayer();
        pulled.add(reference);
        try (EventStreamClient live = browser.stream("/live")) {
            String csrf = Http.csrfFrom(browser.get(page));
            HttpResponse<String> started = browser.send(browser.request(page + "/pull").header("HX-Request", "true")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + Http.encode(csrf) + "&reference=" + Http.encode(reference))));

            assertThat(started.statusCode()).isEqualTo(200);
            Matcher panel = Pattern.compile("id=\"(pull-[0-9a-f-]{36})\"").matcher(started.body());
            assertThat(panel.find()).as(started.body()).isTrue();
            String id = panel.group(1);
            assertThat(started.body()).contains("hx-swap-oob=\"afterbegin:#pulls\"", "data-state=\"starting\"");

            await().atMost(Duration.ofSeconds(120)).until(() -> live.events().stream()
                    .anyMatch(e -> e.raw().contains("id=\"" + id + "\"") && e.raw().contains("data-state=\"done\"")));
            List<EventStreamClient.Event> steps = live.events().stream().filter(e -> e.raw().contains("id=\"" + id + "\"")).toList();
            assertThat(steps).allSatisfy(e -> assertThat(e.type()).isEqualTo("pull"));
            assertThat(steps).anySatisfy(e -> assertThat(e.raw()).contains("data-state=\"running\"", "<progress max=\"1000\""));
            assertThat(steps.stream().map(e -> overall(e.raw())).filter(v -> v < 100).distinct().count())
                    .as("distinct percentages on the way").isGreaterThanOrEqualTo(2);
            EventStreamClient.Event done = steps.get(steps.size() - 1);
            assertThat(done.raw()).contains("data-state=\"done\"", "value=\"100\"", "id=\"images-" + hostId + "-sync\"");
        }
        assertThat(browser.get(page, "HX-Request", "true", "HX-Target", "images-" + hostId).body()).contains(reference);
        assertThat(entries("image.pull", reference)).anySatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.SUCCESS));
    }

    @Test
    void aPullWithoutScriptSaysItStartedAndTheImageArrives() {
        String reference = TestEngines.registry() + "/" + run + "/plain:1";
        docker("tag", TestEngines.IMAGE, reference);
        docker("push", reference);
        docker("rmi", reference);
        pulled.add(reference);

        HttpResponse<String> started = form(page + "/pull", "reference=" + Http.encode(reference) + "&username=&password=");

        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(browser.get(page).body()).contains("Pulling " + reference + " has started");
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.get(page).body().contains(reference));
    }

    private static int overall(String fragment) {
        Matcher value = Pattern.compile("class=\"pull-overall\" max=\"100\" value=\"(\\d+)\"").matcher(fragment);
        return value.find() ? Integer.parseInt(value.group(1)) : -1;
    }

    /** The image ids a prune page lists. */
    private static List<String> ids(String html) {
        Matcher m = Pattern.compile("data-image-id=\"(sha256:[0-9a-f]{64})\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Imports the test's busybox tar as a new image tagged {@code run/<tag>}; answers its id. */
    private String imported(String tag) {
        String tar = TestEnv.get("WHARF_TEST_BUSYBOX_TAR").orElseThrow();
        return docker("import", tar, run + "/" + tag).get(0);
    }

    private static String row(String html, String imageId) {
        int start = html.indexOf("data-image-id=\"" + imageId + "\"");
        return start < 0 ? "" : html.substring(start, html.indexOf("</tr>", start));
    }

    private List<AuditEntry> entries(String action, String resource) {
        return audit.latest(200).stream().map(AuditTrail.RecordedEntry::entry)
                .filter(e -> e.action().equals(action) && (resource == null || resource.equals(e.resource())) && hostId.equals(String.valueOf(e.hostId())))
                .toList();
    }

    private HttpResponse<String> form(String path, String fields) {
        String csrf = Http.csrfFrom(browser.get(page));
        return browser.postForm(path, "_csrf=" + Http.encode(csrf) + "&" + fields);
    }

    /** Whether the engine no longer has the image. */
    private static boolean gone(String imageId) {
        try {
            docker("image", "inspect", imageId);
            return false;
        } catch (IllegalStateException notThere) {
            return notThere.getMessage().contains("No such image");
        }
    }

    private static List<String> docker(String... args) {
        return TestEngines.cli(TestEngines.unix(), args);
    }
}
