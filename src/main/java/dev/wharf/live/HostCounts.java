package dev.wharf.live;

import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerState;
import dev.wharf.hosts.HostEngines;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A host's counts as its pages show them (running and all containers, images, switches, volumes), from
 * the inventory. Pages of other modules reach it from their templates as {@code @hostCounts}, so a page
 * and the live stream's updates of it render the same fragment from the same numbers.
 */
@Component("hostCounts")
public class HostCounts {

    /**
     * @param running as docker counts it: running and restarting
     * @param containers all of them
     * @param images null where the host's kind has none (as for switches and volumes)
     * @param stopped neither running nor paused (created, exited, dead)
     */
    public record Counts(int running, int containers, Integer images, Integer switches, Integer volumes, int paused,
            int stopped) {}

    private final Inventory inventory;
    private final HostEngines engines;

    HostCounts(Inventory inventory, HostEngines engines) {
        this.inventory = inventory;
        this.engines = engines;
    }

    /** Null while the host has never been listed. */
    public Counts of(UUID hostId) {
        return inventory.peek(hostId).filter(host -> host.loadedAt().isPresent()).map(host -> {
            var containers = host.containers();
            int running = (int) containers.stream()
                    .filter(c -> c.state() == ContainerState.RUNNING || c.state() == ContainerState.RESTARTING).count();
            int paused = (int) containers.stream().filter(c -> c.state() == ContainerState.PAUSED).count();
            Set<Capability> can = engines.capabilities(hostId);
            return new Counts(running, containers.size(), can.contains(Capability.IMAGES) ? host.images().size() : null,
                    can.contains(Capability.SWITCHES) ? host.switches().size() : null,
                    can.contains(Capability.VOLUMES) ? host.volumes().size() : null, paused, containers.size() - running - paused);
        }).orElse(null);
    }

}
