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
    /** Java waits this much longer than HCS was told, so HCS's own timeout answers first. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final EngineTarget target;
    private final HcsSettings settings;
    private final HcsClient client;
    private final HostCalls calls;
    private final Set<HcsEvents> subscriptions = ConcurrentHashMap.newKeySet();

    HcsEngine(EngineTarget target, HcsLibraries libraries, HcsSettings settings) {
        this.target = target;
        this.settings = settings;
        this.client = new HcsClient(libraries, target);
        this.calls = new HostCalls(target, "hcs-" + target.name(), settings.threads(), settings.queue(), HcsFailure::unexpected);
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.STOPPED_CONTAINERS_VANISH);
    }

    @Override
    public HostInfo info() {
        return call(() -> {
            String schema = HcsServiceInfo.highestSchema(client.serviceProperties(HcsServiceInfo.BASIC_QUERY));
            Map<ContainerState, Integer> byState = new EnumMap<>(ContainerState.class);
            for (ComputeSystem system : ComputeSystem.listOf(client.enumerate(settings.operationTimeout()))) {
                byState.merge(system.containerState(), 1, Integer::sum);
            }
            var os = ManagementFactory.getOperatingSystemMXBean();
            long memory = os instanceof com.sun.management.OperatingSystemMXBean physical ? physical.getTotalMemorySize() : 0;
            return new HostInfo("HCS schema " + schema, schema, System.getProperty("os.name"), System.getProperty("os.version"),
                    System.getProperty("os.arch"), System.getProperty("os.version"), Runtime.getRuntime().availableProcessors(),
                    memory, byState, 0, null);
        });
    }

    /** Running and paused systems; with {@code includeStopped} also created ones (HCS lists no stopped system). */
    @Override
    public List<ContainerSummary> containers(boolean includeStopped) {
        List<ComputeSystem> systems = call(() -> ComputeSystem.listOf(client.enumerate(settings.operationTimeout())));
        Set<String> ids = systems.stream().map(ComputeSystem::id).collect(Collectors.toSet());
        return systems.stream()
                .map(system -> system.summary(ids))
                .filter(c -> includeStopped || c.state() == ContainerState.RUNNING || c.state() == ContainerState.PAUSED)
                .toList();
    }

    @Override
    public ContainerDetail inspect(String containerId) {
        return call(() -> {
            List<ComputeSystem> all = ComputeSystem.listOf(client.enumerate(settings.operationTimeout()));
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

    /** Shuts the system down and, when it has not stopped within {@code grace}, terminates it. */
    @Override
    public void stop(String containerId, Duration grace) {
        callWithin(grace.plus(settings.operationTimeout()), () -> onSystem(containerId, null, (system, id) -> {
            try {
                client.shutDown(system, id, grace);
                return null;
            } catch (EngineException.Timeout graceOver) {
                // the guest did not stop in time: force it
            } catch (EngineException.Conflict alreadyStopped) {
                return null;
            }
            terminate(system, id);
            return null;
        }));
    }

    @Override
    public void kill(String containerId, String signal) {
        String name = signal == null ? "SIGKILL" : signal.toUpperCase(Locale.ROOT);
        if (!KILL_SIGNALS.contains(name)) {
            throw new EngineException.Unsupported("HCS can only terminate a compute system (SIGKILL), not send " + signal);
        }
        act(containerId, this::terminate);
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
        HcsEvents events = new HcsEvents(target, client, settings, sink, since != null, subscriptions::remove);
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
        } catch (EngineException.Conflict alreadyStopped) {
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
     * not-found error stands when neither matches.
     */
    private <T> T onSystem(String idOrName, List<ComputeSystem> listed, SystemWork<T> work) {
        try {
            return client.withSystem(idOrName, system -> work.apply(system, idOrName));
        } catch (EngineException.NotFound notAnId) {
            List<ComputeSystem> systems = listed != null ? listed : ComputeSystem.listOf(client.enumerate(settings.operationTimeout()));
            List<String> named = systems.stream().filter(s -> s.name().equals(idOrName)).map(ComputeSystem::id).toList();
            if (named.size() != 1) {
                throw notAnId;
            }
            String id = named.get(0);
            return client.withSystem(id, system -> work.apply(system, id));
        }
    }

    private <T> T call(java.util.concurrent.Callable<T> work) {
        return callWithin(settings.operationTimeout(), work);
    }

    /** A call on the host's executor; Java waits a little longer than HCS, whose own timeout answers first. */
    private <T> T callWithin(Duration hcsBound, java.util.concurrent.Callable<T> work) {
        return calls.call(hcsBound.multipliedBy(2).plus(MARGIN), work);
    }

    /** For tests: the client of this host. */
    HcsClient client() {
        return client;
    }
}
