package dev.wharf.live;

import dev.wharf.access.HostScope;
import dev.wharf.hosts.HostChanged;
import dev.wharf.hosts.HostRegistry;
import dev.wharf.hosts.RegisteredHost;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Each host's access scope (and name), for filtering events per viewer without a database read per event. A
 * host is read once, on its first event, and forgotten when it is edited (its group may change) or removed.
 * A host that does not exist has no scope, so its events reach nobody.
 */
@Component
class HostScopes {

    private final HostRegistry registry;
    private final Map<UUID, RegisteredHost> hosts = new ConcurrentHashMap<>();

    HostScopes(HostRegistry registry) {
        this.registry = registry;
    }

    Optional<HostScope> of(UUID hostId) {
        return host(hostId).map(RegisteredHost::scope);
    }

    /** The host's name, for what pages say about its events. */
    Optional<String> name(UUID hostId) {
        return host(hostId).map(RegisteredHost::name);
    }

    private Optional<RegisteredHost> host(UUID hostId) {
        if (hostId == null) {
            return Optional.empty();
        }
        // computeIfAbsent orders the read against forget(): a removal never leaves a stale scope behind
        return Optional.ofNullable(hosts.computeIfAbsent(hostId, id -> registry.find(id).orElse(null)));
    }

    @TransactionalEventListener
    void forget(HostChanged changed) {
        hosts.remove(changed.hostId());
    }
}
