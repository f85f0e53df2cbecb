package dev.wharf.images;

import dev.wharf.live.ImagePullProgressed;
import static dev.wharf.testing.ApiSession.json;
import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.TestEnv;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;

/** Images through /api/v1 against a real engine and a real registry. */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=images-api")
class ImageApiTests {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    PullEvents pullEvents;

    ApiSession api;
    String base;

    @TestConfiguration
    static class Listening {
        @Bean
        PullEvents pullEvents() {
            return new PullEvents();
        }
    }

    /** Every pull progress event the application publishes. */
    static class PullEvents {
        final BlockingQueue<ImagePullProgressed> received = new LinkedBlockingQueue<>();

        @EventListener
        void on(ImagePullProgressed event) {
            received.add(event);
        }
    }

    @BeforeEach
    void registerTheUnixEngine() {
        api = new ApiSession(port, "images-api");
        TestEngines.ensureImage(TestEngines.unix());
        JsonNode hosts = json(api.get("/api/v1/hosts"));
        String id = hosts.path("items").findValuesAsString("name").contains("images-engine")
                ? hosts.path("items").get(hosts.path("items").findValuesAsString("name").indexOf("images-engine")).path("id").asString()
                : json(api.post("/api/v1/hosts", Map.of("name", "images-engine", "kind", "docker", "endpoint", TestEngines.unix())))
                        .path("id").asString();
        base = "/api/v1/hosts/" + id + "/images";
    }

    @Test
    void aPullAnswers202AndReportsRisingProgressAsEvents() throws Exception {
        String reference = dev.wharf.testing.TestImagesInRegistry.pushImageWithABigLayer();

        HttpResponse<String> accepted = api.post(base + "/pull", Map.of("reference", reference));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        UUID operation = UUID.fromString(json(accepted).path("operationId").asString());
        List<ImagePullProgressed> events = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            ImagePullProgressed event = pullEvents.received.poll(500, TimeUnit.MILLISECONDS);
            if (event != null && event.operationId().equals(operation)) {
                events.add(event);
                if (!event.state().equals("running")) {
                    break;
                }
            }
        }
        List<Integer> running = events.stream().filter(e -> e.state().equals("running")).map(ImagePullProgressed::percent)
                .distinct().toList();
        assertThat(running).hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(events.get(events.size() - 1).state()).as(events.get(events.size() - 1).toString()).isEqualTo("done");
        assertThat(json(api.get(base)).path("items").toString()).contains(reference);
    }

    @Test
    void aFailedPullIsReportedAsAFailedOperation() throws Exception {
        String missing = TestEngines.registry() + "/wharf/not-there:1";

        UUID operation = UUID.fromString(json(api.post(base + "/pull", Map.of("reference", missing))).path("operationId").asString());

        ImagePullProgressed last = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && (last == null || last.state().equals("running"))) {
            ImagePullProgressed event = pullEvents.received.poll(500, TimeUnit.MILLISECONDS);
            if (event != null && event.operationId().equals(operation)) {
                last = event;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.state()).isEqualTo("failed");
        assertThat(last.error()).contains("not-there");
    }

    @Test
    void importTagHistoryRemoveAndPruneWork() {
        // no '/' in the name: an image is addressed in paths by its id or a name without '/'
        String repo = "wharf-imported-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> imported = importTar(base + "/import?repo=" + repo + "&tag=1");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        String id = json(imported).path("id").asString();
        assertThat(id).startsWith("sha256:");

        assertThat(api.post(base + "/" + id + "/tag", Map.of("repo", repo, "tag", "2")).statusCode()).isEqualTo(204);
        JsonNode inspected = json(api.get(base + "/" + id));
        assertThat(inspected.path("tags").toString()).contains(repo + ":1", repo + ":2");
        JsonNode history = json(api.get(base + "/" + id + "/history"));
        assertThat(history.path("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(history.path("items").get(0).path("createdBy").asString()).isNotNull();

        problem(api.post(base + "/" + id + "/tag", Map.of("repo", "Not A Repo", "tag", "1")), 400, "validation");
        assertThat(api.delete(base + "/" + repo + ":2").statusCode()).isEqualTo(204);
        assertThat(api.delete(base + "/" + id + "?force=true").statusCode()).isEqualTo(204);
        problem(api.get(base + "/" + id), 404, "not-found");

        String dangling = json(importTar(base + "/import")).path("id").asString();
        JsonNode dryRun = json(api.post(base + "/prune?dryRun=true", Map.of()));
        assertThat(dryRun.path("dryRun").asBoolean()).isTrue();
        assertThat(dryRun.path("removed").toString()).contains(dangling);
        assertThat(json(api.get(base + "/" + dangling)).path("id").asString()).isEqualTo(dangling);

        JsonNode pruned = json(api.post(base + "/prune", Map.of()));
        assertThat(pruned.path("removed").toString()).contains(dangling);
        problem(api.get(base + "/" + dangling), 404, "not-found");
    }

    @Test
    void anImageInUseIsNotRemovedWithoutForce() {
        String host = base.replace("/images", "");
        String container = json(api.post(host + "/containers", Map.of("image", TestEngines.IMAGE, "command", List.of("sleep", "300"),
                "network", "none"))).path("id").asString();
        try {
            String imageId = json(api.get(host + "/containers/" + container)).path("extra").path("imageId").asString();
            problem(api.delete(base + "/" + imageId), 409, "conflict");
        } finally {
            api.delete(host + "/containers/" + container + "?force=true");
        }
    }

    private HttpResponse<String> importTar(String path) {
        Http http = new Http(port);
        String token = json(http.postJson("/api/v1/auth/tokens", "{}", Http.basic("admin", "images-api"))).path("token").asString();
        return http.send(http.request(path).headers(Http.bearer(token)).header("Content-Type", "application/x-tar")
                .POST(uncheckedFile(Path.of(TestEnv.get("WHARF_TEST_BUSYBOX_TAR").orElseThrow()))));
    }

    private static HttpRequest.BodyPublisher uncheckedFile(Path file) {
        try {
            return HttpRequest.BodyPublishers.ofFile(file);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
