package dev.wharf.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.RunningJar;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.TestEnv;
import dev.wharf.testing.UsesHcsStandIn;
import dev.wharf.testing.UsesTestEngines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The browser tests in {@code frontend/e2e} (node's test runner, playwright-core driving Debian's
 * chromium) against the packaged jar and the unix test engine, and a second console on the HCS stand-in
 * whose compute system and switch carry hostile names (for {@code hostile.test.mjs}). Without
 * {@code /usr/bin/chromium} they are skipped with a printed reason; under {@code CI=true} that is a failure.
 */
@UsesTestEngines
@UsesHcsStandIn
@ExtendWith(BrowserIT.ChromiumPresent.class)
class BrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path FRONTEND = Path.of("frontend");
    private static final Path LOG = Path.of("target", "e2e.log");
    private static final long TIMEOUT_MINUTES = 15;
    private static final int TAIL_LINES = 80;
    private static final String PASSWORD = "browser-it";

    private static final String HCS_PASSWORD = "browser-it-hcs";
    /** What hostile.test.mjs expects to find, literally, on the hcs console's pages. */
    private static final String HOSTILE_NAME = "<script>alert(1)</script><img src=x onerror=alert(1)>";

    private static RunningJar console;
    private static RunningJar hcsConsole;

    /**
     * A condition rather than an abort in {@code @BeforeAll}: failsafe counts a disabled class as
     * skipped, while an aborted {@code @BeforeAll} shows up as no test at all.
     */
    static class ChromiumPresent implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(CHROMIUM)) {
                return ConditionEvaluationResult.enabled(CHROMIUM + " is there");
            }
            String reason = "no " + CHROMIUM + " (Debian's chromium package, which .ci/run installs)";
            if (TestEnv.ci()) {
                throw new IllegalStateException("CI=true requires the browser for " + context.getDisplayName() + ": " + reason);
            }
            System.err.println("[wharf-tests] " + context.getDisplayName() + " skipped: " + reason);
            return ConditionEvaluationResult.disabled(reason);
        }
    }

    @BeforeAll
    static void startTheJar() throws Exception {
        TestEngines.ensureImage(TestEngines.unix());
        console = RunningJar.start(List.of(), List.of("--wharf.admin-password=" + PASSWORD, "--wharf.hosts.register-local=false"),
                Map.of());
        hcsConsole = RunningJar.start(List.of("-Djna.library.path=" + System.getProperty("jna.library.path")),
                List.of("--wharf.admin-password=" + HCS_PASSWORD), Map.of("WHARF_HCS_STANDIN_SEED", hostileSeed().toString()));
    }

    /** A compute system and an HCN network named like an attack, as a Windows host could report them. */
    private static Path hostileSeed() throws IOException {
        Path seed = Files.createTempFile("wharf-hostile-seed-", ".json");
        String name = HOSTILE_NAME.replace("\"", "\\\"");
        Files.writeString(seed, """
                {"systems": [{"Id": "hostile-system", "Name": "%s", "Owner": "javascript:alert(1)", "State": "Running"}],
                 "networks": [{"ID": "0B0A4C11-5E6F-4A1B-9C2D-3E4F5A6B7C8D", "Name": "%s",
                   "Ipams": [{"Type": "Static", "Subnets": [{"IpAddressPrefix": "172.31.176.0/20",
                     "Routes": [{"NextHop": "172.31.176.1", "DestinationPrefix": "0.0.0.0/0"}]}]}]}],
                 "services": [{"Name": "vmcompute", "State": "running"}, {"Name": "hns", "State": "running"}]}""".formatted(name, name));
        seed.toFile().deleteOnExit();
        return seed;
    }

    @AfterAll
    static void stop() throws Exception {
        if (console != null) {
            // the console's side of a failed browser test, next to the browser's side in e2e.log
            Files.writeString(Path.of("target", "e2e-console.log"), console.log());
            console.close();
        }
        if (hcsConsole != null) {
            Files.writeString(Path.of("target", "e2e-hcs-console.log"), hcsConsole.log());
            hcsConsole.close();
        }
    }

    @Test
    void theBrowserTestsPass() throws Exception {
        ProcessBuilder npm = new ProcessBuilder("npm", "run", "--silent", "e2e").directory(FRONTEND.toFile()).redirectErrorStream(true);
        npm.environment().putAll(Map.of(
                "WHARF_URL", "http://127.0.0.1:" + console.port(),
                "WHARF_ADMIN_PASSWORD", PASSWORD,
                "WHARF_DOCKER_CLI", TestEnv.get("WHARF_TEST_DOCKER_CLI").orElse("docker"),
                "WHARF_DOCKER_HOST", TestEngines.unix(),
                "WHARF_TEST_IMAGE", TestEngines.IMAGE));
        // the mutual-TLS engine, which dashboard.test.mjs registers through the form with its PEM files
        npm.environment().putAll(Map.of(
                "WHARF_DOCKER_TLS", TestEngines.tls(),
                "WHARF_DOCKER_TLS_SOCKET", TestEngines.tlsSocket(),
                "WHARF_TLS_CA", TestEnv.get("WHARF_TEST_TLS_CA").orElseThrow(),
                "WHARF_TLS_CERT", TestEnv.get("WHARF_TEST_TLS_CERT").orElseThrow(),
                "WHARF_TLS_KEY", TestEnv.get("WHARF_TEST_TLS_KEY").orElseThrow()));
        // the console on the HCS stand-in, with hostile names
        npm.environment().putAll(Map.of(
                "WHARF_HCS_URL", "http://127.0.0.1:" + hcsConsole.port(),
                "WHARF_HCS_ADMIN_PASSWORD", HCS_PASSWORD,
                "WHARF_HOSTILE_NAME", HOSTILE_NAME));
        // images: the loopback registry images.test.mjs pushes to and pulls from
        npm.environment().put("WHARF_REGISTRY", TestEngines.registry());
        Process process = npm.start();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = new Thread(() -> copyOutput(process, tail), "e2e-output");
        pump.start();

        boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            // npm, the test runner, its per-file node processes and chromium: all of them, children first
            process.descendants().toList().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));

        String lastLines;
        synchronized (tail) {
            lastLines = String.join("\n", tail);
        }
        assertThat(ended).as("npm run e2e still running after %d minutes; its last lines:%n%s", TIMEOUT_MINUTES, lastLines).isTrue();
        assertThat(process.exitValue()).as("npm run e2e exit code (full output in %s); its last lines:%n%s", LOG, lastLines).isZero();
    }

    /** Streams the run's output to this test's stdout and to target/e2e.log, keeping the last lines for the assertion. */
    private static void copyOutput(Process process, Deque<String> tail) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(LOG, StandardCharsets.UTF_8), true)) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                System.out.println(line);
                log.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
