package dev.wharf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.RunningJar;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The jar the build ships, started as an operator starts it: it serves the bundled htmx and stylesheet,
 * and, where computecore cannot load (no jna.library.path here, so not even the stand-in), refuses hcs hosts.
 */
class PackagedJarIT {

    private static RunningJar console;
    private static Http http;

    @BeforeAll
    static void startTheJar() throws Exception {
        console = RunningJar.start(List.of(), List.of("--wharf.admin-password=packaged-jar", "--wharf.hosts.register-local=false"),
                Map.of());
        http = console.http();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void hcsIsRefusedWhereComputecoreCannotLoad() {
        ApiSession api = new ApiSession(http, "packaged-jar");

        JsonNode refused = ApiSession.problem(api.post("/api/v1/hosts", Map.of("name", "win", "kind", "hcs", "endpoint", "local")),
                400, "validation");

        assertThat(refused.path("detail").asString()).contains("HCS needs Windows Server 2019 / Windows 10 1809 or later");
    }

    @Test
    void servesTheBundledHtmxWithItsSseExtension() {
        HttpResponse<String> script = http.get("/assets/wharf.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("javascript"));
        assertThat(script.body()).contains("htmx-request", "defineExtension(\"sse\"");
    }

    @Test
    void servesOurStylesheet() {
        HttpResponse<String> css = http.get("/assets/wharf.css");

        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.body()).contains(".topbar", ".status-up");
    }

    @Test
    void pagesLinkTheBundledAssets() {
        assertThat(http.get("/login").body()).contains("/assets/wharf.css", "/assets/wharf.js");
    }
}
