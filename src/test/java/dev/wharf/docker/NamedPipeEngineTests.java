package dev.wharf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.EngineTarget;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Docker engine of a Windows host over its named pipe. Runs only in the {@code windows} Maven
 * profile ({@code ./mvnw -Pwindows verify} on a Windows machine running dockerd); no Linux run has a pipe.
 */
@Tag("windows")
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "named pipes exist only on Windows")
class NamedPipeEngineTests {

    @Test
    void theLocalEngineAnswersOverItsNamedPipe() {
        var target = new EngineTarget(UUID.randomUUID(), "windows-local", "docker", "npipe:////./pipe/docker_engine", null);
        try (DockerEngine engine = new DockerEngine(target, new DockerSettings(Duration.ofSeconds(3), Duration.ofSeconds(20), 4, 64), true)) {
            assertThat(engine.info().os()).containsIgnoringCase("windows");
            assertThat(engine.containers(true)).isNotNull();
        }
    }
}
