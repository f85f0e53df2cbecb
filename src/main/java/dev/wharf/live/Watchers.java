package dev.wharf.live;

import dev.wharf.hosts.HostChanged;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostRegistry;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * One {@link HostWatcher} per registered host: started when the console is ready or the host is
 * registered, restarted when it is edited (after {@link HostEngines} has reopened its engine), stopped
 * when it is removed or the console stops. Each of those changes is a {@code host} event too.
 */
@Component
class Watchers {

    private final HostRegistry registry;
    private final HostEngines engines;
    private final Inventory inventory;
    private final LiveEvents events;
    private final HostStatuses statuses;
    private final WatchSettings settings;
    private final Clock clock;
    private final Map<UUID, HostWatcher> watchers = new ConcurrentHashMap<>();

    Watchers(HostRegistry registry, HostEngines engines, Inventory inventory, LiveEvents events, HostStatuses statuses,
            WatchSettings settings, Clock clock) {
        this.registry = registry;
        this.engines = engines;
        this.inventory = inventory;
        this.events = events;
        this.statuses = statuses;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watchAll() {
        registry.list().forEach(this::watch);
    }

    /** Before HostEngines (order 0) closes the old engine: a watcher must not see its engine vanish. */
    @TransactionalEventListener
    @Order(-10)
    void stopOld(HostChanged changed) {
        HostWatcher old = watchers.remove(changed.hostId());
        if (old != null) {
            old.stop();
        }
        // an edit may point the host at another engine: what the old one had must not show under it
        if (changed.change() != HostChanged.Change.REGISTERED) {
            inventory.drop(changed.hostId());
        }
        if (changed.change() == HostChanged.Change.REMOVED) {
            events.publishAbout(changed.host(), "removed");
        }
    }

    /** After HostEngines has let go of the old engine, so the new watcher opens the edited host afresh. */
    @TransactionalEventListener
    @Order(10)
    void startNew(HostChanged changed) {
        if (changed.change() != HostChanged.Change.REMOVED) {
            // pages learn of it before the watcher's first word (up or down), so they can show it at once
            events.publishAbout(changed.host(), changed.change() == HostChanged.Change.REGISTERED ? "registered" : "edited");
            registry.find(changed.hostId()).ifPresent(this::watch);
        }
    }

    /** The watched host's name, from memory: what a live fragment shows without asking the database per event. */
    java.util.Optional<String> hostName(UUID hostId) {
        return java.util.Optional.ofNullable(watchers.get(hostId)).map(HostWatcher::hostName);
    }

    private void watch(RegisteredHost host) {
        HostWatcher watcher = new HostWatcher(host.id(), host.name(), engines, inventory.of(host.id()), events, statuses,
                settings, clock);
        HostWatcher previous = watchers.putIfAbsent(host.id(), watcher);
        if (previous == null) {
            watcher.start();
        }
    }

    @PreDestroy
    void stopAll() {
        watchers.values().forEach(HostWatcher::stop);
        watchers.clear();
    }
}
