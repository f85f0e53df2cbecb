package dev.wharf.live;

import dev.wharf.web.Bytes;
import dev.wharf.engine.HostInfo;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Each host's engine facts (OS, engine version, CPUs, memory, an hcs host's services) as its watcher last
 * read them: when it first lists the host, after every reconnect and every {@code wharf.live.watch.facts-every}.
 * Pages read them from memory, so a dead host costs a page nothing and shows what was last known. Pages of
 * other modules reach it from their templates as {@code @hostFacts}.
 */
@Component("hostFacts")
public class HostFacts {

    private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** @param at when the engine answered with them */
    public record Facts(HostInfo info, Instant at) {

        /** The memory as a person reads it: {@code 15.6 GiB}. */
        public String memory() {
            return Bytes.binary(info.memoryBytes());
        }

        public String readAt() {
            return READ_AT.format(at);
        }
    }

    private final Inventory inventory;

    HostFacts(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Empty while the host's engine has never answered since the console started. */
    public Optional<Facts> of(UUID hostId) {
        return inventory.peek(hostId).flatMap(HostInventory::facts);
    }

    /**
     * Whether two readings differ in what the facts show. The counts in an engine's info change with every
     * container; pages count from the inventory instead, so they are not facts.
     */
    static boolean differ(HostInfo before, HostInfo now) {
        if (before == null || now == null) {
            return before != now;
        }
        return !Objects.equals(before.engineVersion(), now.engineVersion()) || !Objects.equals(before.apiVersion(), now.apiVersion())
                || !Objects.equals(before.os(), now.os()) || !Objects.equals(before.osVersion(), now.osVersion())
                || !Objects.equals(before.architecture(), now.architecture())
                || !Objects.equals(before.kernelVersion(), now.kernelVersion()) || before.cpus() != now.cpus()
                || before.memoryBytes() != now.memoryBytes() || !Objects.equals(before.storageDriver(), now.storageDriver())
                || !before.schemaVersions().equals(now.schemaVersions()) || !before.services().equals(now.services());
    }
}
