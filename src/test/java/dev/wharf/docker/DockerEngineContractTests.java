package dev.wharf.docker;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerEngineContract;
import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.EngineTarget;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestEngines;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The engine contract through the real Docker adapter, against a real dockerd on a unix socket and one over mutual TLS. */
@UsesTestEngines
class DockerEngineContractTests {

    static final DockerSettings SETTINGS = new DockerSettings(Duration.ofSeconds(3), Duration.ofSeconds(20), 4, 64);

    abstract static class OnDocker extends ContainerEngineContract {

        @Override
        protected String createContainer(String name, String shellCommand) {
            return engine().create(new ContainerSpec(name, TestEngines.IMAGE, List.of("sh", "-c", shellCommand), null,
                    null, "none", null, null, null, null, null, false, null, null, null, null));
        }
    }

    @Nested
    class OverAUnixSocket extends OnDocker {

        static DockerEngine engine;

        @BeforeAll
        static void connect() {
            TestEngines.ensureImage(TestEngines.unix());
            engine = new DockerEngine(new EngineTarget(UUID.randomUUID(), "unix-engine", "docker", TestEngines.unix(), null),
                    SETTINGS, true);
        }

        @AfterAll
        static void close() {
            engine.close();
        }

        @Override
        protected ContainerEngine engine() {
            return engine;
        }
    }

    @Nested
    class OverMutualTls extends OnDocker {

        static DockerEngine engine;

        @BeforeAll
        static void connect() {
            TestEngines.ensureImage(TestEngines.tlsSocket());
            var tls = new EngineTarget.TlsMaterial(TestEngines.pem("WHARF_TEST_TLS_CA"), TestEngines.pem("WHARF_TEST_TLS_CERT"),
                    TestEngines.pem("WHARF_TEST_TLS_KEY"));
            engine = new DockerEngine(new EngineTarget(UUID.randomUUID(), "tls-engine", "docker", TestEngines.tls(), tls),
                    SETTINGS, true);
        }

        @AfterAll
        static void close() {
            engine.close();
        }

        @Override
        protected ContainerEngine engine() {
            return engine;
        }
    }
}
