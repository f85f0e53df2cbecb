package dev.wharf.live;

import dev.wharf.engine.ContainerState;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A host's counts as its pages show them (running and all containers, images, switches, volumes), from
 * the inventory. Pages of other modules reach it from their templates as {@code @hostCounts}, so a page
 * and the live stream's updates of it render the same fragment from the same numbers.
 */
@Component("hostCounts")
public class HostCounts {

    /** @param images null where the host's kind has none, or they were not listed yet (as for the others) */
    public record Counts(int running, int containers, Integer images, Integer switches, Integer volumes) {}

    private final Inventory inventory;

    HostCounts(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Null while the host has never been listed. */
    public Counts of(UUID hostId) {
        return inventory.peek(hostId).filter(host -> host.loadedAt().isPresent()).map(host -> {
            var containers = host.containers();
            int running = (int) containers.stream().filter(c -> c.state() == ContainerState.RUNNING).count();
            return new Counts(running, containers.size(), host.images().size(), host.switches().size(), host.volumes().size());
        }).orElse(null);
    }
}
