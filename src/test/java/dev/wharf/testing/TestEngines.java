package dev.wharf.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real Docker engines {@code docker/test-env.sh} started: one on a unix socket, one on TCP with
 * mutual TLS, one with TLS but no client verification, and a spare that a test may kill. Test set-up
 * talks to them through the Engine API (docker-java, here in test code only) or the {@code docker} CLI.
 */
public final class TestEngines {

    /** The image every engine test uses, imported from a busybox rootfs tar through the Engine API. */
    public static final String IMAGE = "wharf-test/busybox:1";

    private TestEngines() {}

    public static String unix() {
        return required("WHARF_TEST_DOCKER_UNIX");
    }

    public static String tls() {
        return required("WHARF_TEST_DOCKER_TLS");
    }

    public static String tlsSocket() {
        return required("WHARF_TEST_DOCKER_TLS_SOCKET");
    }

    public static String noVerify() {
        return required("WHARF_TEST_DOCKER_NOVERIFY");
    }

    /**
     * An engine no test registers as a host (the no-verify engine's own socket): what happens on it is
     * a single test's doing, so that test can count the engine's connections.
     */
    public static String quiet() {
        return required("WHARF_TEST_DOCKER_NOVERIFY_SOCKET");
    }

    public static String spare() {
        return required("WHARF_TEST_DOCKER_SPARE");
    }

    public static Path sparePidFile() {
        return Path.of(required("WHARF_TEST_DOCKER_SPARE_PIDFILE"));
    }

    /** The local registry, as host:port (plain HTTP on loopback, which dockerd allows without flags). */
    public static String registry() {
        return required("WHARF_TEST_REGISTRY");
    }

    /** PEM text of a file the script wrote, by its key (WHARF_TEST_TLS_CA, ..._CERT, ..._KEY, ..._OTHER_*). */
    public static String pem(String key) {
        try {
            return Files.readString(Path.of(required(key)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the engines cannot be used, or empty when every one answers. */
    static Optional<String> problem() {
        for (String key : List.of("WHARF_TEST_DOCKER_UNIX", "WHARF_TEST_DOCKER_TLS_SOCKET", "WHARF_TEST_DOCKER_NOVERIFY_SOCKET",
                "WHARF_TEST_BUSYBOX_TAR", "WHARF_TEST_REGISTRY")) {
            if (TestEnv.get(key).isEmpty()) {
                return Optional.of("no test engines configured (" + key + " unset): run 'sudo docker/test-env.sh start'");
            }
        }
        for (String socket : List.of(unix(), tlsSocket())) {
            try (DockerClient docker = client(socket)) {
                docker.pingCmd().exec();
            } catch (Exception e) {
                return Optional.of("the test engine at " + socket + " does not answer: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Makes sure the test image exists on the engine behind {@code socket}, importing the busybox tar
     * through the Engine API ({@code POST /images/create?fromSrc=-}) if not. docker-java's own import
     * command sends the tar with a JSON content type, which the engine reads short; this sends it as a tar.
     */
    public static void ensureImage(String socket) {
        try (DockerClient docker = client(socket)) {
            if (!docker.listImagesCmd().withReferenceFilter(IMAGE).exec().isEmpty()) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (DockerHttpClient http = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(socket)).build()) {
            byte[] tar = Files.readAllBytes(Path.of(required("WHARF_TEST_BUSYBOX_TAR")));
            var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                    .path("/images/create?fromSrc=-&repo=wharf-test/busybox&tag=1")
                    .putHeader("Content-Type", "application/x-tar").body(new ByteArrayInputStream(tar)).build();
            try (DockerHttpClient.Response response = http.execute(request)) {
                String answer = new String(response.getBody().readAllBytes());
                if (response.getStatusCode() != 200 || answer.contains("\"error")) {
                    throw new IllegalStateException("Importing the test image into " + socket + " failed: " + answer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A docker-java client on a unix socket, for test set-up only. */
    public static DockerClient client(String socket) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(socket).withDockerTlsVerify(false).build();
        var http = new ApacheDockerHttpClient.Builder().dockerHost(URI.create(socket))
                .connectionTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(60)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** Runs the docker CLI against an engine and returns its standard output lines. */
    public static List<String> cli(String socket, String... args) {
        List<String> command = new ArrayList<>(List.of(TestEnv.get("WHARF_TEST_DOCKER_CLI").orElse("docker"), "-H", socket));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            List<String> lines = new String(process.getInputStream().readAllBytes()).lines().toList();
            String errors = new String(process.getErrorStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + errors);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts the spare engine again (after a test SIGKILLed it, or to be sure it runs), as an operator
     * restarts a crashed dockerd: {@code docker/test-env.sh restart-spare} (needs root, as CI has).
     */
    public static void restartSpare() {
        try {
            Process process = new ProcessBuilder("docker/test-env.sh", "restart-spare").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("docker/test-env.sh restart-spare failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String required(String key) {
        return TestEnv.get(key).orElseThrow(() -> new IllegalStateException(key + " is not set: run 'sudo docker/test-env.sh start'"));
    }
}
