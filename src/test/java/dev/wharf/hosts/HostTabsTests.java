package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.engine.Capability;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** A host's tabs: only what its kind has and what the viewer may read, always the host itself. */
class HostTabsTests {

    static final RegisteredHost DOCKER = new RegisteredHost(UUID.randomUUID(), "docker1", null, HostKind.DOCKER,
            "unix:///var/run/docker.sock", null, null, HostPolicy.DENY_ALL);
    static final RegisteredHost WINDOWS = new RegisteredHost(UUID.randomUUID(), "windows1", null, HostKind.HCS, "local", null,
            null, HostPolicy.DENY_ALL);

    final AccessPolicy access = mock(AccessPolicy.class);
    final HostEngines engines = mock(HostEngines.class);
    final HostTabs tabs = new HostTabs(access, engines);
    final Authentication viewer = new TestingAuthenticationToken("viewer", null);

    @BeforeEach
    void signedIn() {
        SecurityContextHolder.getContext().setAuthentication(viewer);
        when(engines.capabilities(DOCKER.id())).thenReturn(EnumSet.of(Capability.IMAGES, Capability.SWITCHES, Capability.VOLUMES,
                Capability.LOGS));
        // HCS: compute systems and HCN networks, no images, no volumes
        when(engines.capabilities(WINDOWS.id())).thenReturn(EnumSet.of(Capability.SWITCHES));
    }

    @AfterEach
    void signedOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aReaderOfEverythingGetsEveryTabItsHostsKindHas() {
        when(access.may(eq(viewer), any(), any())).thenReturn(true);

        assertThat(keys(DOCKER)).containsExactly("host", "containers", "images", "switches", "volumes");
        assertThat(keys(WINDOWS)).containsExactly("host", "containers", "switches");
    }

    @Test
    void aTabTheViewerMayNotReadIsAbsent() {
        when(access.may(eq(viewer), any(), any())).thenReturn(true);
        when(access.may(eq(viewer), eq(Permission.IMAGE_READ), any())).thenReturn(false);
        when(access.may(eq(viewer), eq(Permission.CONTAINER_READ), any())).thenReturn(false);

        assertThat(keys(DOCKER)).containsExactly("host", "switches", "volumes");
    }

    @Test
    void anEngineThatCannotBeOpenedLeavesOnlyTheHostAndItsContainers() {
        when(access.may(eq(viewer), any(), any())).thenReturn(true);
        when(engines.capabilities(DOCKER.id())).thenReturn(Set.of());

        assertThat(keys(DOCKER)).containsExactly("host", "containers");
        assertThat(tabs.of(DOCKER).get(1).path()).isEqualTo("/hosts/" + DOCKER.id() + "/containers");
    }

    private java.util.List<String> keys(RegisteredHost host) {
        return tabs.of(host).stream().map(HostTabs.Tab::key).toList();
    }
}
