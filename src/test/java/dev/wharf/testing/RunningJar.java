package dev.wharf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The jar the build ships, started as an operator starts it, in its own JVM with its own data directory. */
public final class RunningJar implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final Http http;

    private RunningJar(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.http = new Http(port);
    }

    /**
     * Starts the jar with {@code jvmOptions} before {@code -jar} and {@code arguments} after it, and waits until it is healthy.
     */
    public static RunningJar start(List<String> jvmOptions, List<String> arguments, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("wharf.jar", "target/wharf-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged jar").exists();
        Path dataDir = Files.createTempDirectory("wharf-jar-it-");
        Path log = dataDir.resolve("console.log");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port, "--wharf.data-dir=" + dataDir));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        RunningJar console = new RunningJar(builder.start(), log, port);
        console.awaitHealthy();
        return console;
    }

    public Http http() {
        return http;
    }

    /** The port it listens on, for clients of their own (a browser). */
    public int port() {
        return port;
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitHealthy() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (true) {
            try {
                if (http.get("/actuator/health").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("The jar did not start:\n" + log());
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
