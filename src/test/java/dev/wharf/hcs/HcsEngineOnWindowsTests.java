package dev.wharf.hcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.NativeLibrary;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerEngineContract;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.EngineTarget;
import dev.wharf.hcs.nativeapi.HcsLibraries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The same engine contract against the real computecore.dll of a Windows Server host
 * ({@code ./mvnw -Pwindows verify}, as Administrator, with dockerd running). HCS makes no containers
 * of its own, so each one comes from {@code docker run} (process isolation, image in
 * {@code -Dwharf.test.windows.image}, default nanoserver ltsc2022): a compute system exists only
 * while it runs, and Docker names it by its id.
 */
@Tag("windows")
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "computecore.dll exists only on Windows")
class HcsEngineOnWindowsTests extends ContainerEngineContract {

    private static final String IMAGE = System.getProperty("wharf.test.windows.image", "mcr.microsoft.com/windows/nanoserver:ltsc2022");
    private static HcsEngine engine;

    @BeforeAll
    static void open() {
        engine = new HcsEngine(new EngineTarget(UUID.randomUUID(), "windows-local", "hcs", "local", null), HcsLibraries.load(),
                new HcsSettings(Duration.ofSeconds(60), Duration.ofSeconds(3), 4, 256, true));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Override
    protected ContainerEngine engine() {
        return engine;
    }

    @Override
    protected String createContainer(String name, String shellCommand) {
        List<String> out = docker("run", "-d", "--label", "wharf-contract=1", "--isolation", "process", "--name", name, IMAGE,
                "ping", "-t", "localhost");
        return out.get(out.size() - 1); // the id is the last line; a pull prints before it
    }

    @AfterAll
    static void removeContainers() {
        List<String> ids = docker("ps", "-aq", "--filter", "label=wharf-contract=1");
        if (!ids.isEmpty()) {
            List<String> args = new java.util.ArrayList<>(List.of("rm", "-f"));
            args.addAll(ids);
            docker(args.toArray(String[]::new));
        }
    }

    @Override
    protected ContainerState createdState() {
        return ContainerState.RUNNING;
    }

    @Override
    protected String listedName(String name, String id) {
        return id;
    }

    @Test
    void theRealComputecoreIsLoaded() {
        assertThat(NativeLibrary.getInstance("computecore").getFile().getName()).isEqualToIgnoringCase("computecore.dll");
    }

    private static List<String> docker(String... args) {
        try {
            Process process = new ProcessBuilder(concat(args)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("docker " + String.join(" ", args) + " failed: " + lines);
            }
            return lines;
        } catch (IOException e) {
            throw new IllegalStateException("docker CLI not usable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return command;
    }
}
