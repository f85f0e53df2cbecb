package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every engine adapter must do, run against each one through its real binding (a Docker engine on
 * a unix socket, one over mutual TLS, and the HCS stand-in). An operation a kind lacks must answer
 * {@link EngineException.Unsupported}; the suite asserts that instead of skipping.
 */
public abstract class ContainerEngineContract {

    private final List<String> created = new ArrayList<>();

    /** The engine under test; the same instance for the whole test. */
    protected abstract ContainerEngine engine();

    /**
     * Creates a container (not started) whose main process runs {@code shellCommand} in a shell and,
     * for a long-running one, keeps running until stopped.
     */
    protected abstract String createContainer(String name, String shellCommand);

    /** The state a container is in right after {@link #createContainer}. */
    protected ContainerState createdState() {
        return ContainerState.CREATED;
    }

    /** The name a list shows for a container created with {@code name} (Docker's own HCS systems are named by id). */
    protected String listedName(String name, String id) {
        return name;
    }

    private final java.util.Map<String, String> names = new java.util.HashMap<>();

    protected String newContainer(String shellCommand) {
        String name = "wharf-contract-" + UUID.randomUUID().toString().substring(0, 8);
        String id = createContainer(name, shellCommand);
        created.add(id);
        names.put(id, name);
        return id;
    }

    @AfterEach
    void removeWhatTheTestCreated() {
        for (String id : created) {
            try {
                if (engine().capabilities().contains(Capability.CONTAINER_REMOVE)) {
                    engine().remove(id, true);
                } else {
                    engine().kill(id, "SIGKILL");
                }
            } catch (EngineException gone) {
                // already removed by the test
            }
        }
    }

    @Test
    void infoDescribesTheEngine() {
        HostInfo info = engine().info();

        assertThat(info.engineVersion()).isNotBlank();
        assertThat(info.apiVersion()).isNotBlank();
        assertThat(info.cpus()).isPositive();
        assertThat(info.memoryBytes()).isPositive();
    }

    @Test
    void aContainerGoesThroughItsLifecycle() {
        String id = newContainer("sleep 300");
        assertThat(state(id, true)).contains(createdState());
        if (createdState() == ContainerState.CREATED) {
            assertThat(state(id, false)).as("only running containers without all").isEmpty();
        }

        engine().start(id);
        assertThat(state(id, false)).contains(ContainerState.RUNNING);
        engine().pause(id);
        assertThat(state(id, true)).contains(ContainerState.PAUSED);
        engine().resume(id);
        assertThat(state(id, true)).contains(ContainerState.RUNNING);
        engine().stop(id, Duration.ofSeconds(1));

        if (engine().capabilities().contains(Capability.STOPPED_CONTAINERS_VANISH)) {
            assertThat(state(id, true)).isEmpty();
        } else {
            assertThat(state(id, true)).contains(ContainerState.EXITED);
        }
    }

    @Test
    void startingARunningContainerIsNotAnError() {
        String id = newContainer("sleep 300");
        engine().start(id);

        engine().start(id);

        assertThat(state(id, false)).contains(ContainerState.RUNNING);
    }

    @Test
    void killEndsTheContainerAtOnce() {
        String id = newContainer("sleep 300");
        engine().start(id);
        Instant before = Instant.now();

        engine().kill(id, "SIGKILL");

        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
        assertThat(state(id, true)).satisfiesAnyOf(s -> assertThat(s).contains(ContainerState.EXITED), s -> assertThat(s).isEmpty());
    }

    @Test
    void restartRunsTheContainerAgain() {
        String id = newContainer("sleep 300");
        if (!engine().capabilities().contains(Capability.CONTAINER_RESTART)) {
            assertThatThrownBy(() -> engine().restart(id, Duration.ofSeconds(1))).isInstanceOf(EngineException.Unsupported.class);
            return;
        }
        engine().start(id);
        Instant firstStart = engine().inspect(id).startedAt();

        engine().restart(id, Duration.ofSeconds(1));

        assertThat(state(id, false)).contains(ContainerState.RUNNING);
        assertThat(engine().inspect(id).startedAt()).isAfter(firstStart);
    }

    @Test
    void renameChangesTheNameTheEngineReports() {
        String id = newContainer("sleep 300");
        String newName = "wharf-renamed-" + UUID.randomUUID().toString().substring(0, 8);
        if (!engine().capabilities().contains(Capability.CONTAINER_RENAME)) {
            assertThatThrownBy(() -> engine().rename(id, newName)).isInstanceOf(EngineException.Unsupported.class);
            return;
        }

        engine().rename(id, newName);

        assertThat(engine().inspect(id).summary().name()).isEqualTo(newName);
        assertThat(engine().inspect(newName).summary().id()).isEqualTo(engine().inspect(id).summary().id());
    }

    @Test
    void logsKeepStdoutAndStderrApart() throws InterruptedException {
        String id = newContainer("echo first; echo oops >&2; echo second; sleep 300");
        if (!engine().capabilities().contains(Capability.LOGS)) {
            assertThatThrownBy(() -> engine().logs(id, new LogQuery(null, null, false))).isInstanceOf(EngineException.Unsupported.class);
            return;
        }
        engine().start(id);
        List<LogLine> lines = List.of();
        for (int i = 0; i < 50 && lines.size() < 3; i++) {
            Thread.sleep(100);
            lines = engine().logs(id, new LogQuery(null, null, true));
        }

        // the engine copies stdout and stderr separately, so only the order within each stream is kept
        assertThat(lines.stream().filter(l -> l.stream() == LogLine.Stream.STDOUT).map(LogLine::text))
                .containsExactly("first", "second");
        assertThat(lines.stream().filter(l -> l.stream() == LogLine.Stream.STDERR).map(LogLine::text))
                .containsExactly("oops");
        assertThat(lines).allSatisfy(line -> assertThat(line.at()).isNotNull());
        assertThat(engine().logs(id, new LogQuery(1, null, false))).singleElement()
                .satisfies(last -> assertThat(last.text()).isIn("second", "oops"));
    }

    @Test
    void statsOfARunningContainerShowItsMemory() {
        String id = newContainer("sleep 300");
        engine().start(id);

        StatsSample sample = engine().stats(id);

        assertThat(sample.memoryBytes()).isPositive();
        assertThat(sample.at()).isNotNull();
    }

    @Test
    void aRunningContainerIsRemovedOnlyWithForce() {
        String id = newContainer("sleep 300");
        if (!engine().capabilities().contains(Capability.CONTAINER_REMOVE)) {
            assertThatThrownBy(() -> engine().remove(id, true)).isInstanceOf(EngineException.Unsupported.class);
            return;
        }
        engine().start(id);

        assertThatThrownBy(() -> engine().remove(id, false)).isInstanceOf(EngineException.Conflict.class);
        engine().remove(id, true);

        assertThat(state(id, true)).isEmpty();
        assertThatThrownBy(() -> engine().inspect(id)).isInstanceOf(EngineException.NotFound.class);
    }

    @Test
    void anUnknownContainerIsNotFound() {
        String missing = "0123456789abcdef" + UUID.randomUUID().toString().replace("-", "");

        assertThatThrownBy(() -> engine().inspect(missing)).isInstanceOf(EngineException.NotFound.class);
        assertThatThrownBy(() -> engine().start(missing)).isInstanceOf(EngineException.NotFound.class);
    }

    @Test
    void listedContainersCarryWhatAListShows() {
        String id = newContainer("sleep 300");

        ContainerSummary summary = engine().containers(true).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();

        assertThat(summary.name()).isEqualTo(listedName(names.get(id), id));
        if (engine().capabilities().contains(Capability.IMAGES)) {
            assertThat(summary.image()).isNotBlank();
            assertThat(summary.createdAt()).isBefore(Instant.now().plusSeconds(5));
        } else {
            // a kind without images (HCS) knows neither the image nor the creation time: none is invented
            assertThat(summary.image()).isNull();
            assertThat(summary.createdAt()).isNull();
        }
    }

    /** The container's state as the list shows it, or empty when it is not listed. */
    protected Optional<ContainerState> state(String id, boolean includeStopped) {
        return engine().containers(includeStopped).stream().filter(c -> c.id().equals(id)).map(ContainerSummary::state).findFirst();
    }
}
