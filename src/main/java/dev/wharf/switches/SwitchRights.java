package dev.wharf.switches;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.engine.Capability;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.RegisteredHost;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** What one viewer may do to one host's switches, and what the host's kind can do at all: the pages offer exactly that. */
@Component
class SwitchRights {

    private final AccessPolicy access;
    private final HostEngines engines;

    SwitchRights(AccessPolicy access, HostEngines engines) {
        this.access = access;
        this.engines = engines;
    }

    /**
     * @param manage create and remove switches ({@code switch.manage}, on a kind with switches)
     * @param connect plug containers in and out: {@code switch.manage} and {@code container.read}, on a Docker
     *     host (HCN endpoints belong to the runtime that made them)
     * @param seeContainers link attached containers to their pages ({@code container.read})
     */
    record Allowed(boolean manage, boolean connect, boolean seeContainers) {}

    /** Docker's own networks: the engine keeps them and refuses to remove them, so no page offers it. */
    private static final java.util.Set<String> DOCKER_PREDEFINED = java.util.Set.of("bridge", "host", "none");

    /** Whether a page may offer to remove this switch at all (a Docker host's predefined networks: never). */
    static boolean removable(RegisteredHost host, dev.wharf.engine.SwitchSummary sw) {
        return host.kind() != HostKind.DOCKER || !DOCKER_PREDEFINED.contains(sw.name());
    }

    Allowed on(Authentication caller, RegisteredHost host) {
        boolean switches = hasSwitches(host);
        boolean manage = switches && access.may(caller, Permission.SWITCH_MANAGE, host.scope());
        boolean seeContainers = access.may(caller, Permission.CONTAINER_READ, host.scope());
        return new Allowed(manage, manage && seeContainers && host.kind() == HostKind.DOCKER, seeContainers);
    }

    /** A host whose engine cannot even be opened (an unreadable key) offers nothing; the page says why elsewhere. */
    boolean hasSwitches(RegisteredHost host) {
        return engines.capabilities(host.id()).contains(Capability.SWITCHES);
    }
}
