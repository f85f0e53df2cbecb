package dev.wharf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Http;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The jar the build ships, started as an operator starts it: it serves the bundled htmx and stylesheet. */
class PackagedJarIT {

    private static Process console;
    private static Path log;
    private static Http http;

    @BeforeAll
    static void startTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("wharf.jar", "target/wharf-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged jar").exists();
        Path dataDir = Files.createTempDirectory("wharf-jar-it-");
        log = dataDir.resolve("console.log");
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        console = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--server.port=" + port,
                "--wharf.data-dir=" + dataDir, "--wharf.admin-password=packaged-jar", "--wharf.hosts.register-local=false"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        http = new Http(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                if (http.get("/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            if (!console.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The jar did not start:\n" + Files.readString(log));
            }
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (console != null) {
            console.destroy();
            console.waitFor();
        }
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
