package dev.wharf.live;

import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.engine.VolumeSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostStatuses;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the list endpoints read: each host's containers, images, switches, volumes and facts as its
 * watcher last saw them, from memory. A host that is down keeps its last-known state. Right after a
 * change made through Wharf, the feature refreshes what it touched, so a caller reads its own writes
 * before the engine's event arrives.
 */
@Component
public class Inventory {

    private static final Logger log = LoggerFactory.getLogger(Inventory.class);

    private final Map<UUID, HostInventory> hosts = new ConcurrentHashMap<>();
    private final HostEngines engines;
    private final HostStatuses statuses;
    private final WatchSettings settings;

    Inventory(HostEngines engines, HostStatuses statuses, WatchSettings settings) {
        this.engines = engines;
        this.statuses = statuses;
        this.settings = settings;
    }

    /** A host's state as last seen. */
    public record Snapshot(List<ContainerSummary> containers, List<ImageSummary> images, List<SwitchSummary> switches,
            List<VolumeSummary> volumes, Optional<HostInfo> info, Instant loadedAt) {}

    /**
     * The host's inventory, waiting a little for the first list of a host just registered; a host that has
     * never answered is 502 with why.
     */
    public Snapshot of(UUID hostId, boolean waitForFirstLoad) {
        HostInventory inventory = of(hostId);
        // wait only for a host not yet checked: one known to be down would hold the request for nothing
        boolean worthWaiting = waitForFirstLoad && !"down".equals(statuses.of(hostId).state());
        if (inventory.loadedAt().isEmpty() && (!worthWaiting || !inventory.awaitFirstLoad(settings.firstLoadWait()))) {
            HostStatuses.Status status = statuses.of(hostId);
            throw new EngineException.Unavailable("The host has not answered since the console started"
                    + (status.reason() == null ? "" : ": " + status.reason()), hostId, null);
        }
        return snapshot(inventory);
    }

    /** One host's state, if it has answered at least once; never waits. Null when it has not. */
    public Snapshot loaded(UUID hostId) {
        return peek(hostId).filter(inventory -> inventory.loadedAt().isPresent()).map(Inventory::snapshot).orElse(null);
    }

    /** Every host that has answered at least once (a host down since the console started has nothing to show). */
    public Map<UUID, Snapshot> all() {
        Map<UUID, Snapshot> all = new java.util.HashMap<>();
        hosts.forEach((id, inventory) -> {
            if (inventory.loadedAt().isPresent()) {
                all.put(id, snapshot(inventory));
            }
        });
        return all;
    }

    /**
     * Reads one container again after a change through Wharf (create, start, remove...); an id or a name.
     * Never fails the change that asked: if the engine does not answer now, the watcher catches up.
     */
    public void refreshContainer(UUID hostId, String idOrName) {
        refresh(hostId, "container " + idOrName, () -> {
            HostInventory inventory = of(hostId);
            String id = inventory.container(idOrName).map(ContainerSummary::id)
                    .or(() -> inventory.containers().stream().filter(c -> idOrName.equals(c.name())).map(ContainerSummary::id).findFirst())
                    .orElse(idOrName);
            long readAt = System.nanoTime();
            Optional<ContainerSummary> now = engines.engine(hostId).container(id);
            if (now.isPresent()) {
                inventory.put(now.get(), readAt);
            } else {
                inventory.remove(id, readAt);
            }
        });
    }

    /** Lists every container of the host again (a change that may touch several, like a switch connect). */
    public void refreshContainers(UUID hostId) {
        refresh(hostId, "containers", () -> {
            long readAt = System.nanoTime();
            of(hostId).replaceContainers(engines.engine(hostId).containers(true), readAt);
        });
    }

    public void refreshImages(UUID hostId) {
        refresh(hostId, "images", () -> {
            long readAt = System.nanoTime();
            of(hostId).images(engines.engine(hostId).images().list(), readAt);
        });
    }

    public void refreshSwitches(UUID hostId) {
        refresh(hostId, "switches", () -> {
            long readAt = System.nanoTime();
            of(hostId).switches(engines.engine(hostId).switches().list(), readAt);
        });
    }

    public void refreshVolumes(UUID hostId) {
        refresh(hostId, "volumes", () -> {
            long readAt = System.nanoTime();
            of(hostId).volumes(engines.engine(hostId).volumes().list(), readAt);
        });
    }

    private void refresh(UUID hostId, String what, Runnable refresh) {
        if (!hosts.containsKey(hostId)) {
            return; // not watched (removed meanwhile): nothing to keep true
        }
        try {
            refresh.run();
        } catch (RuntimeException e) {
            log.debug("Refreshing {} of host {} failed; its watcher will catch up: {}", what, hostId, e.toString());
        }
    }

    /** A host's inventory if it is watched; never creates one (a late reader must not bring a removed host back). */
    Optional<HostInventory> peek(UUID hostId) {
        return Optional.ofNullable(hosts.get(hostId));
    }

    HostInventory of(UUID hostId) {
        return hosts.computeIfAbsent(hostId, id -> new HostInventory());
    }

    void drop(UUID hostId) {
        hosts.remove(hostId);
    }

    private static Snapshot snapshot(HostInventory inventory) {
        return new Snapshot(inventory.containers(), inventory.images(), inventory.switches(), inventory.volumes(),
                inventory.info(), inventory.loadedAt().orElse(null));
    }
}
