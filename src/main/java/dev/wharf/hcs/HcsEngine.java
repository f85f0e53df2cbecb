package dev.wharf.hcs;

import com.sun.jna.Pointer;
import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import dev.wharf.engine.HostCalls;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.StatsSample;
import dev.wharf.hcs.nativeapi.HcsLibraries;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The Windows host the console runs on, through HCS. Compute systems are its containers; HCS creates
 * none of them for us (Docker, containerd or Kubernetes do), keeps no logs or images, and forgets a
 * system once it stops, so those operations answer {@link EngineException.Unsupported} and a stopped
 * system leaves the list after one {@code exited} event.
 */
final class HcsEngine implements ContainerEngine {

    private static final Set<String> KILL_SIGNALS = Set.of("SIGKILL", "KILL", "9");
    private static final Set<String> TERM_SIGNALS = Set.of("SIGTERM", "TERM", "15");
    /** Java waits this much longer than HCS was told, so HCS's own timeout answers first. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final EngineTarget target;
    private final HcsSettings settings;
    private final HcsClient client;
    private final HostCalls calls;
    private final HcnClient hcn;
    private final HcnSwitches switches;
    private final WindowsFacts facts;
    private final Set<HcsEvents> subscriptions = ConcurrentHashMap.newKeySet();

    HcsEngine(EngineTarget target, HcsLibraries libraries, HcsSettings settings) {
        this.target = target;
        this.settings = settings;
        this.client = new HcsClient(libraries, target);
        this.calls = new HostCalls(target, "hcs-" + target.name(), settings.threads(), settings.queue(), HcsFailure::unexpected);
        this.hcn = new HcnClient(libraries, target);
        this.switches = new HcnSwitches(target, hcn, client, calls,
                deadline(settings.operationTimeout()), settings.operationTimeout());
        this.facts = new WindowsFacts(libraries.serviceControl());
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.SWITCHES, Capability.STOPPED_CONTAINERS_VANISH);
    }

    /**
     * The Windows host's facts: product and build from the registry (the JVM's view when unreadable),
     * HCS's schema versions, and the services behind containers.
     */
    @Override
    public HostInfo info() {
        return call(() -> {
            List<String> schemas = HcsServiceInfo.schemaVersions(client.serviceProperties(HcsServiceInfo.BASIC_QUERY));
            String schema = schemas.isEmpty() ? "unknown" : schemas.get(schemas.size() - 1);
            Map<ContainerState, Integer> byState = new EnumMap<>(ContainerState.class);
            for (ComputeSystem system : ComputeSystem.listLive(client.enumerate(settings.operationTimeout()))) {
                byState.merge(system.containerState(), 1, Integer::sum);
            }
            var os = ManagementFactory.getOperatingSystemMXBean();
            long memory = os instanceof com.sun.management.OperatingSystemMXBean physical ? physical.getTotalMemorySize() : 0;
            String product = facts.product();
            String build = facts.build();
            return new HostInfo("HCS schema " + schema, schema, product != null ? product : System.getProperty("os.name"),
                    "windows", System.getProperty("os.arch"), build != null ? build : System.getProperty("os.version"),
                    Runtime.getRuntime().availableProcessors(), memory, byState, 0, null, schemas, facts.services());
        });
    }

    /** The service's basic properties: answered by vmcompute itself, without touching any compute system. */
    @Override
    public void ping(Duration timeout) {
        calls.call(timeout, () -> client.serviceProperties(HcsServiceInfo.BASIC_QUERY));
    }

    @Override
    public dev.wharf.engine.Switches switches() {
        return switches;
    }

    /** Running and paused systems; with {@code includeStopped} also created ones (HCS lists no stopped system). */
    @Override
    public List<ContainerSummary> containers(boolean includeStopped) {
        List<ComputeSystem> systems = call(() -> ComputeSystem.listLive(client.enumerate(settings.operationTimeout())));
        Set<String> ids = systems.stream().map(ComputeSystem::id).collect(Collectors.toSet());
        return systems.stream()
                .map(system -> system.summary(ids))
                .filter(c -> includeStopped || c.state() == ContainerState.RUNNING || c.state() == ContainerState.PAUSED)
                .toList();
    }

    @Override
    public ContainerDetail inspect(String containerId) {
        return call(() -> {
            List<ComputeSystem> all = ComputeSystem.listLive(client.enumerate(settings.operationTimeout()));
            Set<String> ids = all.stream().map(ComputeSystem::id).collect(Collectors.toSet());
            return onSystem(containerId, all, (system, id) -> {
                JsonNode properties = propertiesWithStatistics(system, id);
                ComputeSystem described = ComputeSystem.of(properties);
                Instant startedAt = HcsStatistics.startedAt(properties);
                Map<String, String> extra = new LinkedHashMap<>(described.facts(ids));
                String exitType = HcsJson.text(properties, "ExitType");
                if (exitType != null) {
                    extra.put("exitType", exitType);
                }
                return new ContainerDetail(described.summary(ids), List.of(), Map.of(), startedAt, null, null, extra);
            });
        });
    }

    @Override
    public void start(String containerId) {
        act(containerId, (system, id) -> {
            try {
                client.start(system, id, settings.operationTimeout());
            } catch (EngineException.Conflict notCreated) {
                // starting a running system is not an error, as on Docker
                String state = ComputeSystem.of(HcsJson.read(client.properties(system, id, null, settings.operationTimeout()))).state();
                if (!"Running".equals(state)) {
                    throw notCreated;
                }
            }
        });
    }

    /**
     * Shuts the system down and waits for it to exit; when it has not exited within {@code grace} (or
     * cannot shut down, say while paused), terminates it.
     */
    @Override
    public void stop(String containerId, Duration grace) {
        callWithin(grace.plus(settings.operationTimeout()), () -> onSystem(containerId, null, (system, id) -> {
            Instant deadline = Instant.now().plus(grace);
            try {
                client.shutDown(system, id, grace);
                if (client.waitForExit(system, id, remaining(deadline))) {
                    return null;
                }
            } catch (EngineException.Timeout graceOver) {
                // the shutdown itself did not finish within the grace period
            } catch (EngineException.Conflict | EngineException.NotFound e) {
                if (HcsFailure.stopped(e)) {
                    return null;
                }
                // it cannot shut down in its state (paused, say)
            }
            terminate(system, id);
            if (!client.waitForExit(system, id, settings.operationTimeout())) {
                throw new EngineException.Timeout("HCS on host '" + target.name() + "': compute system '" + id
                        + "' was terminated but has not exited", target.hostId(), (Throwable) null);
            }
            return null;
        }));
    }

    private static Duration remaining(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** SIGKILL terminates; SIGTERM asks the guest to shut down (as a TERM asks a Linux process). */
    @Override
    public void kill(String containerId, String signal) {
        String name = signal == null ? "SIGKILL" : signal.toUpperCase(Locale.ROOT);
        if (KILL_SIGNALS.contains(name)) {
            act(containerId, this::terminate);
        } else if (TERM_SIGNALS.contains(name)) {
            act(containerId, (system, id) -> client.shutDown(system, id, settings.operationTimeout()));
        } else {
            throw new EngineException.Unsupported("HCS can terminate a compute system (SIGKILL) or shut it down (SIGTERM), "
                    + "not send " + signal);
        }
    }

    @Override
    public void pause(String containerId) {
        act(containerId, (system, id) -> client.pause(system, id, settings.operationTimeout()));
    }

    @Override
    public void resume(String containerId) {
        act(containerId, (system, id) -> client.resume(system, id, settings.operationTimeout()));
    }

    @Override
    public StatsSample stats(String containerId) {
        return call(() -> onSystem(containerId, null, (system, id) -> HcsStatistics.sample(HcsJson.read(
                client.properties(system, id, HcsStatistics.QUERY, settings.operationTimeout())))));
    }

    @Override
    public EventSubscription events(Instant since, Consumer<EngineEvent> sink) {
        HcsEvents events = new HcsEvents(target, client, new HcnWatch(hcn), settings, sink, since != null, subscriptions::remove);
        subscriptions.add(events);
        events.start();
        return events;
    }

    @Override
    public void close() {
        subscriptions.forEach(HcsEvents::close);
        calls.close();
    }

    /** Properties with statistics (which hold the start time) while it runs; without them otherwise. */
    private JsonNode propertiesWithStatistics(Pointer system, String id) {
        try {
            return HcsJson.read(client.properties(system, id, HcsStatistics.QUERY, settings.operationTimeout()));
        } catch (EngineException.Conflict notRunning) {
            return HcsJson.read(client.properties(system, id, null, settings.operationTimeout()));
        }
    }

    private void terminate(Pointer system, String id) {
        try {
            client.terminate(system, id, settings.operationTimeout());
        } catch (EngineException.Conflict | EngineException.NotFound e) {
            if (!HcsFailure.stopped(e)) {
                throw e;
            }
            // it stopped on its own meanwhile: the goal is reached
        }
    }

    private interface SystemWork<T> {
        T apply(Pointer system, String id);
    }

    private interface SystemAction {
        void apply(Pointer system, String id);
    }

    private void act(String containerId, SystemAction action) {
        call(() -> onSystem(containerId, null, (system, id) -> {
            action.apply(system, id);
            return null;
        }));
    }

    /**
     * Runs {@code work} on the system named by id, or else by name (paths accept either). HCS's own
     * not-found error stands when neither matches; a not-found from the work itself is not retried.
     */
    private <T> T onSystem(String idOrName, List<ComputeSystem> listed, SystemWork<T> work) {
        String id = idOrName;
        Pointer system;
        try {
            system = client.open(idOrName);
        } catch (EngineException.NotFound notAnId) {
            List<ComputeSystem> systems = listed != null ? listed : ComputeSystem.listLive(client.enumerate(settings.operationTimeout()));
            List<String> named = systems.stream().filter(s -> s.name().equals(idOrName)).map(ComputeSystem::id).toList();
            if (named.size() != 1) {
                throw notAnId;
            }
            id = named.get(0);
            system = client.open(id);
        }
        try {
            return work.apply(system, id);
        } finally {
            client.close(system);
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> work) {
        return callWithin(settings.operationTimeout(), work);
    }

    /** A call on the host's executor; Java waits a little longer than HCS, whose own timeout answers first. */
    private <T> T callWithin(Duration hcsBound, java.util.concurrent.Callable<T> work) {
        return calls.call(deadline(hcsBound), work);
    }

    /** Room for three HCS operations (inspect lists, then reads twice), plus a margin. */
    private static Duration deadline(Duration hcsBound) {
        return hcsBound.multipliedBy(3).plus(MARGIN);
    }

    /** For tests: the client of this host. */
    HcsClient client() {
        return client;
    }
}
