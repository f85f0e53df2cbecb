package dev.wharf.hcs;

import com.sun.jna.Pointer;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events of the HCS host. Each live compute system is watched through its own handle and
 * callback (exits arrive at once), and the list is re-enumerated every poll interval to catch what
 * callbacks cannot tell: systems that appeared, changed state, or left without an exit event.
 *
 * <p>Everything runs on one thread per subscription, so the bookkeeping needs no locks; HCS's threads
 * only copy the event and hand it over. HCS keeps no history: a resumed subscription, an outage and a
 * service disconnect each deliver a {@link EngineEvent.Gap}.
 */
final class HcsEvents implements EventSubscription {

    private static final Logger log = LoggerFactory.getLogger(HcsEvents.class);

    private record Watch(long key, Pointer handle) {}

    private final EngineTarget target;
    private final HcsClient client;
    private final HcnWatch networks;
    private final HcsSettings settings;
    private final Consumer<EngineEvent> sink;
    private final boolean resumed;
    private final Consumer<HcsEvents> onClose;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread eventThread;

    // confined to the subscription's thread
    private Map<String, ComputeSystem> known;
    private final Map<String, Watch> watches = new HashMap<>();
    private boolean unreachable;
    private long lastNanos;

    HcsEvents(EngineTarget target, HcsClient client, HcnWatch networks, HcsSettings settings, Consumer<EngineEvent> sink,
            boolean resumed, Consumer<HcsEvents> onClose) {
        this.target = target;
        this.client = client;
        this.networks = networks;
        this.settings = settings;
        this.sink = sink;
        this.resumed = resumed;
        this.onClose = onClose;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "hcs-events-" + target.name());
            t.setDaemon(true);
            eventThread = t;
            return t;
        });
    }

    /** Takes the first list before returning, so whatever happens after the caller's own list arrives as an event. */
    void start() {
        if (resumed) {
            thread.execute(() -> emitGap("HCS keeps no event history, so what happened meanwhile cannot be replayed"));
        }
        try {
            thread.submit(this::poll).get(settings.operationTimeout().toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("HCS on host '{}': the first list for events failed: {}", target.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long interval = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** A failure must not end the schedule: a periodic task that throws is never run again. */
    private void poll() {
        try {
            pollOnce();
        } catch (RuntimeException e) {
            log.warn("HCS on host '{}': an event poll failed: {}", target.name(), e.toString());
        }
    }

    private void pollOnce() {
        List<ComputeSystem> systems;
        try {
            systems = ComputeSystem.listLive(client.enumerate(settings.operationTimeout()));
        } catch (RuntimeException e) {
            if (!unreachable) {
                log.warn("HCS on host '{}' cannot be listed: {}", target.name(), e.getMessage());
            }
            unreachable = true;
            return;
        }
        if (unreachable) {
            unreachable = false;
            emitGap("HCS could not be listed for a while");
            known = null;
        }
        Map<String, ComputeSystem> now = new LinkedHashMap<>();
        systems.forEach(system -> now.put(system.id(), system));
        if (known != null) {
            report(known, now);
        }
        known = now;
        watchNew();
        // HCN has no events Wharf can subscribe to here: its networks and endpoints are compared each list too
        for (HcnWatch.Change change : networks.changes()) {
            Instant at = Instant.now();
            deliver(new EngineEvent.SwitchChanged(change.networkId(), change.name(), change.action(), at, nanos(at)));
        }
    }

    /** One event per system that appeared, changed state or left since the last list. */
    private void report(Map<String, ComputeSystem> before, Map<String, ComputeSystem> now) {
        for (ComputeSystem system : now.values()) {
            ComputeSystem previous = before.get(system.id());
            if (previous == null || !previous.containerState().equals(system.containerState())) {
                emit(system, action(previous, system), system.containerState());
            }
        }
        for (ComputeSystem gone : before.values()) {
            if (!now.containsKey(gone.id())) {
                unwatch(gone.id());
                emit(gone, "die", ContainerState.EXITED);
            }
        }
    }

    private static String action(ComputeSystem previous, ComputeSystem now) {
        return switch (now.containerState()) {
            case CREATED -> "create";
            case RUNNING -> previous != null && previous.containerState() == ContainerState.PAUSED ? "unpause" : "start";
            case PAUSED -> "pause";
            case EXITED -> "die";
            default -> "update";
        };
    }

    /** Opens a handle with a callback on every listed system not yet watched, and lets go of those gone. */
    private void watchNew() {
        for (String id : new ArrayList<>(watches.keySet())) {
            if (!known.containsKey(id)) {
                unwatch(id);
            }
        }
        for (ComputeSystem system : known.values()) {
            if (watches.containsKey(system.id()) || closed.get()) {
                continue;
            }
            String id = system.id();
            Pointer handle;
            try {
                handle = client.open(id);
            } catch (EngineException e) {
                continue; // gone since the list; the next list reports it
            }
            long key = HcsCallbacks.register((type, data) -> handOver(id, type));
            try {
                client.watch(handle, id, key);
                watches.put(id, new Watch(key, handle));
            } catch (EngineException e) {
                client.close(handle);
                HcsCallbacks.unregister(key);
                log.debug("HCS on host '{}': cannot watch '{}': {}", target.name(), id, e.getMessage());
            }
        }
    }

    /** On HCS's thread: hand the event to ours, never doing the work here. */
    private void handOver(String id, int type) {
        try {
            thread.execute(() -> onEvent(id, type));
        } catch (RejectedExecutionException closing) {
            // the subscription is closing; the event is no longer wanted
        }
    }

    private void onEvent(String id, int type) {
        if (type == HcsCallbacks.SERVICE_DISCONNECT) {
            if (known != null) { // every watched handle reports it; one gap is enough
                new ArrayList<>(watches.keySet()).forEach(this::unwatch);
                known = null;
                emitGap("the Host Compute Service disconnected");
            }
        } else if (type == HcsCallbacks.SYSTEM_EXITED) {
            unwatch(id);
            ComputeSystem system = known == null ? null : known.remove(id);
            if (system != null) {
                emit(system, "die", ContainerState.EXITED);
            }
        }
    }

    private void unwatch(String id) {
        Watch watch = watches.remove(id);
        if (watch != null) {
            client.close(watch.handle());
            HcsCallbacks.unregister(watch.key());
        }
    }

    private void emit(ComputeSystem system, String action, ContainerState state) {
        Instant at = Instant.now();
        deliver(new EngineEvent.ContainerChanged(system.id(), system.name(), action, state, at, nanos(at)));
    }

    private void emitGap(String reason) {
        Instant at = Instant.now();
        deliver(new EngineEvent.Gap(reason, at, nanos(at)));
    }

    /** Strictly increasing per subscription, as the port promises. */
    private long nanos(Instant at) {
        lastNanos = Math.max(lastNanos + 1, at.getEpochSecond() * 1_000_000_000L + at.getNano());
        return lastNanos;
    }

    private void deliver(EngineEvent event) {
        if (closed.get()) {
            return;
        }
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            log.warn("An HCS event consumer failed: {}", e.toString());
        }
    }

    /**
     * Closes every handle (which drops its callback) before returning. Called from the sink (on the
     * event thread itself) it cleans up at once instead of waiting for itself.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (Thread.currentThread() == eventThread) {
                new ArrayList<>(watches.keySet()).forEach(this::unwatch);
                thread.shutdown();
                return;
            }
            thread.execute(() -> new ArrayList<>(watches.keySet()).forEach(this::unwatch));
            thread.shutdown();
            // a poll in progress makes at most a list and one call per new system, each bounded by HCS
            if (!thread.awaitTermination(settings.operationTimeout().toMillis() * 3 + 5000, TimeUnit.MILLISECONDS)) {
                log.warn("HCS on host '{}': the event thread did not stop in time; its handles stay open until it does",
                        target.name());
            }
        } catch (RejectedExecutionException alreadyStopped) {
            // nothing left to clean
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onClose.accept(this);
        }
    }
}
