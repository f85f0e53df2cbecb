package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EngineDriversTests {

    private static final EngineTarget LOCAL = new EngineTarget(UUID.randomUUID(), "h1", "fake", "unix:///run/fake.sock", null);

    @Test
    void opensTheEngineOfTheHostsKind() {
        EngineDrivers drivers = new EngineDrivers(List.of(new FakeDriver("fake", EngineDriver.Availability.yes())));

        try (ContainerEngine engine = drivers.open(LOCAL)) {
            assertThat(engine.info().engineVersion()).isEqualTo("fake for " + LOCAL.endpoint());
        }
    }

    @Test
    void anUnknownKindIsUnsupportedAndNamesTheKnownOnes() {
        EngineDrivers drivers = new EngineDrivers(List.of(new FakeDriver("fake", EngineDriver.Availability.yes())));

        assertThatThrownBy(() -> drivers.open(new EngineTarget(UUID.randomUUID(), "h2", "podman", "local", null)))
                .isInstanceOf(EngineException.Unsupported.class)
                .hasMessageContaining("podman").hasMessageContaining("[fake]");
    }

    @Test
    void aKindThatCannotRunHereSaysWhy() {
        EngineDrivers drivers = new EngineDrivers(List.of(
                new FakeDriver("fake", EngineDriver.Availability.no("needs Windows Server 2019 or later"))));

        assertThatThrownBy(() -> drivers.open(LOCAL))
                .isInstanceOf(EngineException.Unsupported.class)
                .hasMessage("needs Windows Server 2019 or later");
    }

    @Test
    void twoDriversForOneKindAreAMistake() {
        assertThatThrownBy(() -> new EngineDrivers(List.of(
                new FakeDriver("fake", EngineDriver.Availability.yes()),
                new FakeDriver("fake", EngineDriver.Availability.yes()))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'fake'");
    }

    @Test
    void operationsAKindLacksAnswerUnsupported() {
        ContainerEngine engine = new FakeDriver("fake", EngineDriver.Availability.yes()).open(LOCAL);

        assertThatThrownBy(() -> engine.logs("abc", new LogQuery(10, null, false)))
                .isInstanceOf(EngineException.Unsupported.class).hasMessageContaining("read container logs");
        assertThatThrownBy(() -> engine.rename("abc", "new"))
                .isInstanceOf(EngineException.Unsupported.class).hasMessageContaining("rename");
        assertThatThrownBy(engine::images).isInstanceOf(EngineException.Unsupported.class);
    }

    @Test
    void tlsMaterialNeverPrintsTheKey() {
        var tls = new EngineTarget.TlsMaterial("ca-pem", "cert-pem", "-----BEGIN PRIVATE KEY-----secret");
        assertThat(new EngineTarget(UUID.randomUUID(), "h3", "docker", "tcp://h:2376", tls).toString())
                .doesNotContain("secret").contains("<redacted>");
    }

    private record FakeDriver(String kind, Availability availability) implements EngineDriver {
        @Override
        public ContainerEngine open(EngineTarget target) {
            return new LifecycleOnlyEngine(target.endpoint());
        }
    }

    /** An engine with only what every kind must have, so the port's defaults show. */
    private record LifecycleOnlyEngine(String endpoint) implements ContainerEngine {
        @Override
        public Set<Capability> capabilities() {
            return Set.of();
        }

        @Override
        public HostInfo info() {
            return new HostInfo("fake for " + endpoint, "1.0", "linux", "1", "x86_64", "6.1", 2, 1L << 30,
                    Map.of(), 0, "none");
        }

        @Override
        public List<ContainerSummary> containers(boolean includeStopped) {
            return List.of();
        }

        @Override
        public ContainerDetail inspect(String containerId) {
            throw new EngineException.NotFound(containerId, null);
        }

        @Override
        public void start(String containerId) {}

        @Override
        public void stop(String containerId, Duration grace) {}

        @Override
        public void kill(String containerId, String signal) {}

        @Override
        public void pause(String containerId) {}

        @Override
        public void resume(String containerId) {}

        @Override
        public StatsSample stats(String containerId) {
            throw new EngineException.NotFound(containerId, null);
        }

        @Override
        public EventSubscription events(Instant since, Consumer<EngineEvent> sink) {
            return () -> {};
        }

        @Override
        public void close() {}
    }
}
