package dev.wharf.live;

import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.engine.VolumeSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What Wharf last knew of one host, kept in memory and updated by its watcher (and, for read-your-writes,
 * right after a change made through Wharf). Survives the host going down: the last-known state stays
 * readable. Readers get immutable snapshots; writers replace whole lists or single containers.
 */
final class HostInventory {

    /** Newest first, as {@code docker ps} shows them; ties (and HCS systems without a time) by name. */
    static final Comparator<ContainerSummary> ORDER = Comparator
            .comparing(ContainerSummary::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ContainerSummary::name, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ContainerSummary::id);

    /** How long the read time of a removed container is kept (reads begun before it end well within this). */
    private static final long PRUNE_AFTER = TimeUnit.MINUTES.toNanos(1);

    private final Map<String, ContainerSummary> containers = new ConcurrentHashMap<>();
    /**
     * When (System.nanoTime) the read behind each container's current entry began, removals included.
     * A read that began earlier never overwrites one that began later: a slow relist cannot undo what a
     * refresh right after a change has just written.
     */
    private final Map<String, Long> containerReads = new HashMap<>();
    private final Map<String, Long> listReads = new HashMap<>();
    private long lastPrune = System.nanoTime();
    private final CountDownLatch firstLoad = new CountDownLatch(1);
    private volatile List<ImageSummary> images = List.of();
    private volatile List<SwitchSummary> switches = List.of();
    private volatile List<VolumeSummary> volumes = List.of();
    private volatile HostFacts.Facts facts;
    private volatile Instant loadedAt;

    List<ContainerSummary> containers() {
        return containers.values().stream().sorted(ORDER).toList();
    }

    Optional<ContainerSummary> container(String id) {
        return Optional.ofNullable(containers.get(id));
    }

    /** Stores what a read begun at {@code readAt} found; returns what was there before, or null. */
    synchronized ContainerSummary put(ContainerSummary container, long readAt) {
        if (!newer(containerReads, container.id(), readAt)) {
            return containers.get(container.id());
        }
        return containers.put(container.id(), container);
    }

    synchronized ContainerSummary remove(String id, long readAt) {
        forgetOldRemovals();
        if (!newer(containerReads, id, readAt)) {
            return containers.get(id);
        }
        return containers.remove(id);
    }

    /** Replaces every container at once (a relist begun at {@code readAt}); returns what was there before, by id. */
    synchronized Map<String, ContainerSummary> replaceContainers(List<ContainerSummary> now, long readAt) {
        forgetOldRemovals();
        Map<String, ContainerSummary> before = Map.copyOf(containers);
        Map<String, ContainerSummary> fresh = new HashMap<>();
        now.forEach(c -> fresh.put(c.id(), c));
        for (String id : before.keySet()) {
            if (!fresh.containsKey(id) && newer(containerReads, id, readAt)) {
                containers.remove(id);
            }
        }
        fresh.forEach((id, container) -> {
            if (newer(containerReads, id, readAt)) {
                containers.put(id, container);
            }
        });
        return before;
    }

    List<ImageSummary> images() {
        return images;
    }

    synchronized void images(List<ImageSummary> images, long readAt) {
        if (newer(listReads, "images", readAt)) {
            this.images = List.copyOf(images);
        }
    }

    List<SwitchSummary> switches() {
        return switches;
    }

    synchronized void switches(List<SwitchSummary> switches, long readAt) {
        if (newer(listReads, "switches", readAt)) {
            this.switches = List.copyOf(switches);
        }
    }

    List<VolumeSummary> volumes() {
        return volumes;
    }

    synchronized void volumes(List<VolumeSummary> volumes, long readAt) {
        if (newer(listReads, "volumes", readAt)) {
            this.volumes = List.copyOf(volumes);
        }
    }

    /**
     * Forgets the read times of containers that are gone, once no read begun before their removal can still
     * be under way (every engine call ends within its deadline, well under a minute). Without this, an
     * inventory would keep one entry per container ever seen. At most once a minute.
     */
    private void forgetOldRemovals() {
        long now = System.nanoTime();
        if (now - lastPrune < PRUNE_AFTER) {
            return;
        }
        lastPrune = now;
        containerReads.entrySet().removeIf(read -> !containers.containsKey(read.getKey()) && now - read.getValue() > PRUNE_AFTER);
    }

    /** Records {@code readAt} for {@code key} when it is not older than what is recorded. */
    private static boolean newer(Map<String, Long> reads, String key, long readAt) {
        Long last = reads.get(key);
        if (last != null && last - readAt > 0) {
            return false;
        }
        reads.put(key, readAt);
        return true;
    }

    Optional<HostInfo> info() {
        return facts().map(HostFacts.Facts::info);
    }

    Optional<HostFacts.Facts> facts() {
        return Optional.ofNullable(facts);
    }

    /** Keeps what the engine said at {@code at}; returns whether that differs from what was kept (see {@link HostFacts#differ}). */
    boolean info(HostInfo info, Instant at) {
        HostFacts.Facts before = facts;
        facts = new HostFacts.Facts(info, at);
        return HostFacts.differ(before == null ? null : before.info(), info);
    }

    void loaded(Instant at) {
        loadedAt = at;
        firstLoad.countDown();
    }

    /** When the last full list was taken; empty until the first one. */
    Optional<Instant> loadedAt() {
        return Optional.ofNullable(loadedAt);
    }

    /** Waits for the first full list, at most {@code wait}; true once it has been taken. */
    boolean awaitFirstLoad(Duration wait) {
        try {
            return firstLoad.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loadedAt != null;
        }
    }
}
