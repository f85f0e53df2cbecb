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
 * Each host's access scope, for filtering events per viewer without a database read per event. A host
 * is read once, on its first event, and forgotten when it is edited (its group may change) or removed.
 * A host that does not exist has no scope, so its events reach nobody.
 */
@Component
class HostScopes {

    private final HostRegistry registry;
    private final Map<UUID, HostScope> scopes = new ConcurrentHashMap<>();

    HostScopes(HostRegistry registry) {
        this.registry = registry;
    }

    Optional<HostScope> of(UUID hostId) {
        if (hostId == null) {
            return Optional.empty();
        }
        // computeIfAbsent orders the read against forget(): a removal never leaves a stale scope behind
        return Optional.ofNullable(scopes.computeIfAbsent(hostId,
                id -> registry.find(id).map(RegisteredHost::scope).orElse(null)));
    }

    @TransactionalEventListener
    void forget(HostChanged changed) {
        scopes.remove(changed.hostId());
    }
}
