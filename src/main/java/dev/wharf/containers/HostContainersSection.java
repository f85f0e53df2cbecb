package dev.wharf.containers;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.hosts.HostPageSection;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.live.Inventory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * One host's container table, as its containers page and the host page show it: the rows from the
 * inventory, what the viewer may do to them, and where a form without script returns to.
 */
@Component
@Order(0)
class HostContainersSection implements HostPageSection {

    private final Inventory inventory;
    private final ContainerRights rights;
    private final AccessPolicy access;

    HostContainersSection(Inventory inventory, ContainerRights rights, AccessPolicy access) {
        this.inventory = inventory;
        this.rights = rights;
        this.access = access;
    }

    @Override
    public Optional<Section> on(RegisteredHost host, Authentication caller, HttpServletRequest request) {
        if (!access.may(caller, Permission.CONTAINER_READ, host.scope())) {
            return Optional.empty();
        }
        return Optional.of(new Section("containers/list :: host-section", of(host, caller, request)));
    }

    /**
     * The table's model.
     *
     * @param back where a form without script returns to: this page
     * @param unavailable why the host's containers are unknown, or null
     */
    record Listing(List<ContainerSummary> containers, ContainerRights.Allowed allowed, String back, String unavailable) {}

    Listing of(RegisteredHost host, Authentication caller, HttpServletRequest request) {
        List<ContainerSummary> containers = List.of();
        String unavailable = null;
        try {
            containers = inventory.of(host.id(), true).containers();
        } catch (EngineException.Unavailable e) {
            unavailable = e.getMessage();
        }
        return new Listing(containers, rights.on(caller, host), Back.here(request), unavailable);
    }
}
