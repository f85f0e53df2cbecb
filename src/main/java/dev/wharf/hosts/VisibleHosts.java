package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.web.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Hosts as one caller may see them. A host the caller may not read answers exactly like a host that
 * does not exist (404), so ids cannot be probed.
 */
@Component
public class VisibleHosts {

    private final HostRegistry registry;
    private final AccessPolicy access;

    VisibleHosts(HostRegistry registry, AccessPolicy access) {
        this.registry = registry;
        this.access = access;
    }

    public List<RegisteredHost> all(Authentication caller) {
        return registry.list().stream().filter(host -> access.may(caller, Permission.HOST_READ, host.scope())).toList();
    }

    /**
     * The hosts a fleet-wide list covers: those the caller may see and holds {@code permission} on,
     * narrowed to one host (id or name) and one group when given.
     */
    public List<RegisteredHost> matching(Authentication caller, Permission permission, String host, String group) {
        return all(caller).stream()
                .filter(h -> access.may(caller, permission, h.scope()))
                .filter(h -> host == null || host.isBlank() || host.equals(h.id().toString()) || host.equals(h.name()))
                .filter(h -> group == null || group.isBlank() || group.equals(h.group()))
                .toList();
    }

    /** The host, if the caller may see it and holds {@code permission} on it; else 404, or 403 for a visible host. */
    public RegisteredHost require(Authentication caller, UUID hostId, Permission permission) {
        RegisteredHost host = registry.find(hostId).orElseThrow(() -> new NotFoundException("No host " + hostId));
        if (!access.may(caller, Permission.HOST_READ, host.scope())) {
            // the caller hears "no such host"; the trail records what was tried
            access.recordDenial(caller, permission.key(), hostId, null, "host not visible to the caller (answered as not found)");
            throw new NotFoundException("No host " + hostId);
        }
        access.require(caller, permission, host.scope());
        return host;
    }
}
