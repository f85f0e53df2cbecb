package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.UsesTestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first start on a machine with a Docker socket, where HCS is not in use, shows that engine as host
 * "local" without any set-up. (Where HCS runs, the local host is the hcs one: {@code LocalHcsHostBootstrapTests}.)
 */
@UsesTestDatabase
@SpringBootTest(properties = {"wharf.admin-password=bootstrap", "wharf.hosts.register-local=true", "wharf.hcs.enabled=false"})
class LocalHostBootstrapTests {

    private static final Path SOCKET = socketStandIn();

    @Autowired
    HostRegistry registry;

    @Autowired
    LocalHostBootstrap bootstrap;

    @DynamicPropertySource
    static void socket(DynamicPropertyRegistry registry) {
        registry.add("wharf.hosts.local-docker-socket", SOCKET::toString);
    }

    @Test
    void theLocalSocketIsRegisteredOnceAsLocal() {
        bootstrap.run(null); // a second start: hosts exist now, so nothing more is registered

        assertThat(registry.list()).singleElement().satisfies(host -> {
            assertThat(host.name()).isEqualTo("local");
            assertThat(host.kind()).isEqualTo(HostKind.DOCKER);
            assertThat(host.endpoint()).isEqualTo("unix://" + SOCKET);
        });
    }

    /** Registration only looks at whether the path exists; a file stands in for the socket. */
    private static Path socketStandIn() {
        try {
            return Files.createTempFile("wharf-docker-", ".sock");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
