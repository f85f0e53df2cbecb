package dev.wharf.live;

import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EventSubscription;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.web.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one host's inventory true. It subscribes to the engine's events first, then lists everything,
 * then applies the events in order, all on its own thread. A {@link EngineEvent.Gap} (the engine could
 * not replay what it missed), a queue overflow or a return from "down" relists, and the relist's
 * differences go out as events too. A heartbeat marks the host up or down.
 */
final class HostWatcher {

    private static final Logger log = LoggerFactory.getLogger(HostWatcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    /** Docker verbs that change nothing a list shows (exec, attach...) are not worth a call. */
    private static final Set<String> LISTED_ACTIONS = Set.of("create", "destroy", "rename", "update");

    private final UUID hostId;
    private final String name;
    private final HostEngines engines;
    private final HostInventory inventory;
    private final LiveEvents events;
    private final HostStatuses statuses;
    private final WatchSettings settings;
    private final Clock clock;
    private final BlockingQueue<EngineEvent> queue;
    private final Thread thread;
    private final ScheduledExecutorService heartbeat;

    private volatile boolean stopped;
    private volatile boolean relist = true;
    private volatile String status = "unknown";
    // confined to the watcher's thread
    private EventSubscription subscription;
    private long lastNanos;
    /** When (System.nanoTime) the facts were last asked for; 0 before the first time. */
    private long factsAsked;

    HostWatcher(UUID hostId, String name, HostEngines engines, HostInventory inventory, LiveEvents events,
            HostStatuses statuses, WatchSettings settings, Clock clock) {
        this.hostId = hostId;
        this.name = name;
        this.engines = engines;
        this.inventory = inventory;
        this.events = events;
        this.statuses = statuses;
        this.settings = settings;
        this.clock = clock;
        this.queue = new LinkedBlockingQueue<>(settings.eventQueue());
        this.thread = new Thread(this::run, "watch-" + name);
        this.thread.setDaemon(true);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread beat = new Thread(runnable, "heartbeat-" + name);
            beat.setDaemon(true);
            return beat;
        });
    }

    /** The host's name as registered when this watcher started (an edit starts a new watcher). */
    String hostName() {
        return name;
    }

    void start() {
        thread.start();
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        heartbeat.shutdownNow();
        thread.interrupt();
        try {
            heartbeat.awaitTermination(settings.pingTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!stopped) {
            try {
                ContainerEngine engine = engines.engine(hostId);
                if (subscription == null) {
                    // the first time from a little before now: an engine may attach its stream a moment after
                    // this returns, and what happens in between must not fall between the stream and the list
                    subscription = engine.events(lastNanos == 0 ? clock.instant().minusSeconds(2) : instant(lastNanos),
                            this::enqueue);
                }
                if (relist) {
                    relist = false;
                    relist(engine);
                }
                backoff = FIRST_BACKOFF;
                EngineEvent event = queue.poll(500, TimeUnit.MILLISECONDS);
                if (event != null) {
                    apply(engine, event);
                }
                if (System.nanoTime() - factsAsked > settings.factsEvery().toNanos()) {
                    refreshFacts(engine);
                }
            } catch (InterruptedException e) {
                break;
            } catch (NotFoundException removed) {
                break; // the host was removed before this watcher started: nothing left to watch
            } catch (RuntimeException e) {
                // the engine failed mid-way: start over, later (the heartbeat tells users why)
                log.debug("Watching host '{}' failed: {}", name, e.toString());
                relist = true;
                closeSubscription();
                if (!sleep(backoff)) {
                    break;
                }
                backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
            }
        }
        closeSubscription();
    }

    /** On the engine's thread: never blocks; an overflow means events were lost, so relist instead. */
    private void enqueue(EngineEvent event) {
        if (!queue.offer(event)) {
            queue.clear();
            relist = true;
        }
    }

    private void apply(ContainerEngine engine, EngineEvent event) {
        // the adapters deliver each event once (to the nanosecond); this only remembers where to resume
        lastNanos = Math.max(lastNanos, event.engineTimeNanos());
        if (event instanceof EngineEvent.Gap) {
            relist(engine);
        } else if (event instanceof EngineEvent.ContainerChanged changed) {
            container(engine, changed);
        } else if (event instanceof EngineEvent.ImageChanged image) {
            long readAt = System.nanoTime();
            inventory.images(engine.images().list(), readAt);
            publish("image", image.imageId(), null, image.action(), Map.of());
        } else if (event instanceof EngineEvent.SwitchChanged changed) {
            long readAt = System.nanoTime();
            inventory.switches(engine.switches().list(), readAt);
            publish("switch", changed.switchId(), changed.name(), changed.action(), Map.of());
        } else if (event instanceof EngineEvent.VolumeChanged volume) {
            long readAt = System.nanoTime();
            inventory.volumes(engine.volumes().list(), readAt);
            publish("volume", volume.volumeName(), volume.volumeName(), volume.action(), Map.of());
        }
    }

    /** One container changed: read it as the list shows it (or drop it when the engine no longer has it). */
    private void container(ContainerEngine engine, EngineEvent.ContainerChanged changed) {
        String action = changed.action();
        String verb = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
        if (changed.state() == null && !LISTED_ACTIONS.contains(verb)) {
            return;
        }
        long readAt = System.nanoTime();
        ContainerSummary now = verb.equals("destroy") ? null : engine.container(changed.containerId()).orElse(null);
        ContainerSummary before = now == null ? inventory.remove(changed.containerId(), readAt) : inventory.put(now, readAt);
        ContainerState state = now != null ? now.state() : changed.state() != null ? changed.state() : ContainerState.EXITED;
        String containerName = now != null ? now.name() : before != null ? before.name() : changed.name();
        // engineAt: when the engine says it happened, so a client can tell how late it learns of it
        publish("container", changed.containerId(), containerName, verb,
                Map.of("state", state.apiName(), "engineAt", changed.at().toString()));
    }

    /** Takes everything again and reports what changed meanwhile, so streams stay true after a gap. */
    private void relist(ContainerEngine engine) {
        Set<Capability> can = engine.capabilities();
        long readAt = System.nanoTime();
        List<ContainerSummary> containers = engine.containers(true);
        boolean first = inventory.loadedAt().isEmpty();
        Map<String, ContainerSummary> before = inventory.replaceContainers(containers, readAt);
        inventory.loaded(clock.instant()); // the containers are what lists need most: serve them even if a part below fails
        if (!first) {
            reportDifferences(before, containers);
        }
        // each other part on its own, so one that fails (or a kind without it) leaves the others fresh;
        // the first failure is thrown afterwards, and the loop relists again after its backoff
        RuntimeException failed = null;
        boolean[] factsChanged = {false};
        factsAsked = System.nanoTime();
        failed = part(failed, () -> factsChanged[0] = inventory.info(engine.info(), clock.instant()));
        if (can.contains(Capability.IMAGES)) {
            failed = part(failed, () -> inventory.images(engine.images().list(), readAt));
        }
        if (can.contains(Capability.SWITCHES)) {
            failed = part(failed, () -> inventory.switches(engine.switches().list(), readAt));
        }
        if (can.contains(Capability.VOLUMES)) {
            failed = part(failed, () -> inventory.volumes(engine.volumes().list(), readAt));
        }
        if (factsChanged[0]) {
            // after every part, so a page that reads the host again on this event finds the whole list
            publishFacts();
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * Reads the engine's facts again (every {@code facts-every}); a failure waits for the next time: the
     * heartbeat is what says whether the host is up.
     */
    private void refreshFacts(ContainerEngine engine) {
        factsAsked = System.nanoTime();
        try {
            if (inventory.info(engine.info(), clock.instant())) {
                publishFacts();
            }
        } catch (RuntimeException e) {
            log.debug("Reading the facts of host '{}' failed: {}", name, e.toString());
        }
    }

    private void publishFacts() {
        events.publish("host", hostId, new LiveEvent.Resource("host", hostId.toString(), name), "facts", Map.of());
    }

    private static RuntimeException part(RuntimeException failedSoFar, Runnable read) {
        try {
            read.run();
            return failedSoFar;
        } catch (RuntimeException e) {
            return failedSoFar != null ? failedSoFar : e;
        }
    }

    private void reportDifferences(Map<String, ContainerSummary> before, List<ContainerSummary> now) {
        Map<String, ContainerSummary> after = new HashMap<>();
        for (ContainerSummary container : now) {
            after.put(container.id(), container);
            ContainerSummary previous = before.get(container.id());
            if (previous == null) {
                publish("container", container.id(), container.name(), "create", Map.of("state", container.state().apiName()));
            } else if (previous.state() != container.state()) {
                publish("container", container.id(), container.name(), verbFor(container.state()),
                        Map.of("state", container.state().apiName()));
            }
        }
        before.values().stream().filter(gone -> !after.containsKey(gone.id())).forEach(gone ->
                publish("container", gone.id(), gone.name(), "destroy", Map.of("state", ContainerState.EXITED.apiName())));
    }

    private static String verbFor(ContainerState state) {
        switch (state) {
            case RUNNING:
                return "start";
            case PAUSED:
                return "pause";
            case EXITED:
            case DEAD:
                return "die";
            default:
                return "update";
        }
    }

    /** Pings the engine; the first failure marks the host down with the engine's reason, the next answer up. */
    private void beat() {
        if (stopped) {
            return; // an interrupted last ping is not the host going down
        }
        try {
            engines.engine(hostId).ping(settings.pingTimeout());
            if (!"up".equals(status)) {
                boolean wasDown = "down".equals(status);
                report("up", null);
                if (wasDown) {
                    relist = true; // whatever happened while it was down
                }
            }
        } catch (NotFoundException removed) {
            stopped = true; // removed before this watcher started; Watchers lets go of it
            heartbeat.shutdown();
        } catch (RuntimeException e) {
            if (stopped) {
                return;
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (!"down".equals(status) || !Objects.equals(reason, statuses.of(hostId).reason())) {
                report("down", reason);
            }
        }
    }

    private void report(String state, String reason) {
        boolean changed = !state.equals(status);
        status = state;
        statuses.report(hostId, state, reason);
        if (changed) {
            Map<String, Object> details = new HashMap<>();
            details.put("status", state);
            details.put("statusReason", reason);
            events.publish("host", hostId, new LiveEvent.Resource("host", hostId.toString(), name), state, details);
        }
    }

    private void publish(String type, String id, String resourceName, String action, Map<String, Object> details) {
        events.publish(type, hostId, new LiveEvent.Resource(type, id, resourceName), action, details);
    }

    private void closeSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                log.debug("Closing the events of host '{}' failed: {}", name, e.toString());
            }
            subscription = null;
        }
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !stopped;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static java.time.Instant instant(long nanos) {
        return java.time.Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
