package dev.wharf.hosts;

import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineDrivers;
import dev.wharf.engine.EngineException;
import dev.wharf.web.NotFoundException;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.core.annotation.Order;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One open engine per registered host, opened on first use and closed when the host is edited or
 * removed (an edit may change its endpoint or TLS material) and when the console stops.
 */
@Component
public class HostEngines {

    private final HostRegistry registry;
    private final EngineDrivers drivers;
    private final Map<UUID, ContainerEngine> engines = new ConcurrentHashMap<>();

    HostEngines(HostRegistry registry, EngineDrivers drivers) {
        this.registry = registry;
        this.drivers = drivers;
    }

    /** The host's engine; a host whose stored TLS key cannot be opened answers 502 with the reason. */
    public ContainerEngine engine(UUID hostId) {
        return engines.computeIfAbsent(hostId, id -> {
            try {
                return drivers.open(registry.target(id));
            } catch (NotFoundException | EngineException e) {
                throw e;
            } catch (RuntimeException e) {
                // an undecryptable key, an endpoint the transport refuses: the host is unusable, the console is fine
                throw new EngineException.Unavailable(e.getMessage(), id, e);
            }
        });
    }

    /**
     * What the host's kind can do; nothing when its engine cannot be opened (an unreadable key, a host removed
     * meanwhile), so a page offers nothing there rather than failing: the host's page says why.
     */
    public Set<Capability> capabilities(UUID hostId) {
        try {
            return engine(hostId).capabilities();
        } catch (RuntimeException unusable) {
            return Set.of();
        }
    }

    /** First among the listeners, so a watcher restarted after an edit gets the new engine. */
    @TransactionalEventListener
    @Order(0)
    void onHostChanged(HostChanged changed) {
        if (changed.change() != HostChanged.Change.REGISTERED) {
            ContainerEngine engine = engines.remove(changed.hostId());
            if (engine != null) {
                engine.close();
            }
        }
    }

    @PreDestroy
    void closeAll() {
        engines.values().forEach(ContainerEngine::close);
        engines.clear();
    }
}
