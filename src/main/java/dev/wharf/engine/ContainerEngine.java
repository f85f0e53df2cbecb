package dev.wharf.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One container host, as its engine sees it. An instance belongs to exactly one registered host and
 * is closed when the host is removed or edited.
 *
 * <p>{@link #capabilities()} says what the host's kind can do. Every operation a kind lacks keeps the
 * default here and answers {@link EngineException.Unsupported}, which the API turns into a 501, so a
 * caller never has to guess from a missing method.
 */
public interface ContainerEngine extends AutoCloseable {

    Set<Capability> capabilities();

    HostInfo info();

    /**
     * Asks the engine whether it answers, as cheaply as it can, within {@code timeout}; throws an
     * {@link EngineException} when it does not. The live watcher's heartbeat.
     */
    default void ping(Duration timeout) {
        info();
    }

    List<ContainerSummary> containers(boolean includeStopped);

    ContainerDetail inspect(String containerId);

    /** One container as the list shows it (by full id), or empty when the engine no longer has it. */
    default Optional<ContainerSummary> container(String containerId) {
        return containers(true).stream().filter(c -> c.id().equals(containerId)).findFirst();
    }

    default String create(ContainerSpec spec) {
        throw unsupported("create containers");
    }

    void start(String containerId);

    /** Asks the container to stop, and forces it after {@code grace}. */
    void stop(String containerId, Duration grace);

    default void restart(String containerId, Duration grace) {
        throw unsupported("restart containers");
    }

    void kill(String containerId, String signal);

    void pause(String containerId);

    void resume(String containerId);

    default void rename(String containerId, String newName) {
        throw unsupported("rename containers");
    }

    default void remove(String containerId, boolean force) {
        throw unsupported("remove containers");
    }

    default List<LogLine> logs(String containerId, LogQuery query) {
        throw unsupported("read container logs");
    }

    StatsSample stats(String containerId);

    /**
     * Delivers the container's stats about once a second until the stream is closed. Kinds that can only
     * be asked for one sample get it by asking once a second.
     */
    default EngineStream followStats(String containerId, EngineStream.Listener<StatsSample> listener) {
        return PolledStats.start(this, containerId, listener, Duration.ofSeconds(1));
    }

    /**
     * Delivers the container's log lines as they are written (after the {@code query}'s tail and since,
     * the engine's own meaning), each with its time, until the stream is closed or the container stops.
     */
    default EngineStream followLogs(String containerId, LogQuery query, EngineStream.Listener<LogLine> listener) {
        throw unsupported("follow container logs");
    }

    /** The host's images; kinds without images answer {@link EngineException.Unsupported}. */
    default Images images() {
        throw unsupported("manage images");
    }

    /** The host's virtual switches (Docker networks, HCN networks). */
    default Switches switches() {
        throw unsupported("manage virtual switches");
    }

    /** The host's volumes. */
    default Volumes volumes() {
        throw unsupported("manage volumes");
    }

    /**
     * Delivers the engine's events after {@code since} (exclusive, to the nanosecond; null: from now)
     * until the subscription is closed, each exactly once. The subscription reconnects by itself; when
     * it cannot replay what happened meanwhile (the engine was unreachable, so it may have restarted),
     * it delivers an {@link EngineEvent.Gap} so the caller relists.
     */
    EventSubscription events(Instant since, Consumer<EngineEvent> sink);

    /** Releases connections, handles and threads; never throws. */
    @Override
    void close();

    private EngineException.Unsupported unsupported(String what) {
        return new EngineException.Unsupported(getClass().getSimpleName() + " cannot " + what);
    }
}
