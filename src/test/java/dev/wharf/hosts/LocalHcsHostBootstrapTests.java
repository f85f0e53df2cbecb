package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.UsesHcsStandIn;
import dev.wharf.testing.UsesTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A first start where computecore loads (here the stand-in) registers the machine's HCS as host "local".
 * The context goes when the class ends: its watcher would otherwise hold handles in the stand-in that
 * other tests count.
 */
@UsesHcsStandIn
@DirtiesContext
@UsesTestDatabase
@SpringBootTest(properties = {"wharf.admin-password=bootstrap-hcs", "wharf.hosts.register-local=true"})
class LocalHcsHostBootstrapTests {

    @Autowired
    HostRegistry registry;

    @Test
    void theLocalHostIsHcs() {
        assertThat(registry.list()).singleElement().satisfies(host -> {
            assertThat(host.name()).isEqualTo("local");
            assertThat(host.kind()).isEqualTo(HostKind.HCS);
            assertThat(host.endpoint()).isEqualTo("local");
        });
    }
}
