package dev.wharf.containers;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.engine.Capability;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.RegisteredHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What one viewer may do to containers on one host, and what the host's kind can do at all: the pages
 * offer exactly these and nothing else (the routes check again). Which of them fits a container's state
 * is the stylesheet's choice, from the row's {@code data-state}, which the live stream keeps true.
 */
@Component
class ContainerRights {

    private final AccessPolicy access;
    private final HostEngines engines;

    ContainerRights(AccessPolicy access, HostEngines engines) {
        this.access = access;
        this.engines = engines;
    }

    /**
     * @param actions the lifecycle actions offered (none without {@code container.lifecycle})
     * @param remove whether removing is offered ({@code container.delete}, and a kind that can)
     * @param create whether creating is offered ({@code container.create}, and a kind that can)
     */
    record Allowed(List<ContainerAction> actions, boolean remove, boolean create) {

        static final Allowed NOTHING = new Allowed(List.of(), false, false);

        public boolean any() {
            return !actions.isEmpty() || remove;
        }
    }

    Allowed on(Authentication caller, RegisteredHost host) {
        Set<Capability> can = capabilities(host);
        List<ContainerAction> actions = new ArrayList<>();
        if (access.may(caller, Permission.CONTAINER_LIFECYCLE, host.scope())) {
            for (ContainerAction action : ContainerAction.values()) {
                if (action != ContainerAction.RESTART || can.contains(Capability.CONTAINER_RESTART)) {
                    actions.add(action);
                }
            }
        }
        boolean remove = can.contains(Capability.CONTAINER_REMOVE) && access.may(caller, Permission.CONTAINER_DELETE, host.scope());
        boolean create = can.contains(Capability.CONTAINER_CREATE) && access.may(caller, Permission.CONTAINER_CREATE, host.scope());
        return new Allowed(List.copyOf(actions), remove, create);
    }

    Set<Capability> capabilities(RegisteredHost host) {
        return engines.capabilities(host.id());
    }
}
