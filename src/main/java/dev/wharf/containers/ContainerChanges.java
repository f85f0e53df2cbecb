package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerSpec;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every change to a container, for the API and the pages alike: the same permission checks, the same
 * policy checks on what is created, the same audit entries. After each change the container is read
 * again, so the caller's next list shows it before the engine's own event arrives.
 */
@Component
class ContainerChanges {

    private final HostActions actions;
    private final VisibleHosts hosts;
    private final Inventory inventory;
    private final DangerousSettings dangerous;

    ContainerChanges(HostActions actions, VisibleHosts hosts, Inventory inventory, DangerousSettings dangerous) {
        this.actions = actions;
        this.hosts = hosts;
        this.inventory = inventory;
        this.dangerous = dangerous;
    }

    /** Creates the container (not started) and answers its id; a setting the host's policy refuses is a 403 first. */
    String create(Authentication caller, UUID hostId, ContainerRequests.Create body) {
        ContainerSpec spec = body.spec();
        String resource = body.name() != null && !body.name().isBlank() ? body.name() : body.image();
        // the host's policy is read with the permission check; the engine hears of nothing it refuses
        dangerous.requireAllowed(caller, hosts.require(caller, hostId, Permission.CONTAINER_CREATE), spec, resource);
        String id = actions.change(caller, hostId, Permission.CONTAINER_CREATE, "container.create", resource,
                engine -> engine.create(spec));
        inventory.refreshContainer(hostId, id);
        return id;
    }

    void run(Authentication caller, UUID hostId, String containerId, ContainerAction action, Duration grace, String signal) {
        lifecycle(caller, hostId, action.auditAction(), containerId, engine -> action.apply(engine, containerId, grace, signal));
    }

    /** Any change {@code container.lifecycle} allows (the actions above, a rename), audited as {@code auditAction}. */
    void lifecycle(Authentication caller, UUID hostId, String auditAction, String containerId, Consumer<ContainerEngine> call) {
        actions.change(caller, hostId, Permission.CONTAINER_LIFECYCLE, auditAction, containerId, engine -> {
            call.accept(engine);
            return null;
        });
        inventory.refreshContainer(hostId, containerId);
    }

    /** A running container needs {@code force}; without it the engine's refusal is a 409. */
    void remove(Authentication caller, UUID hostId, String containerId, boolean force) {
        actions.change(caller, hostId, Permission.CONTAINER_DELETE, "container.delete", containerId, engine -> {
            engine.remove(containerId, force);
            return null;
        });
        inventory.refreshContainer(hostId, containerId);
    }
}
