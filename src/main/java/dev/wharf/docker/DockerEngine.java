package dev.wharf.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineStream;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.Images;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.LogQuery;
import dev.wharf.engine.StatsSample;
import dev.wharf.engine.Switches;
import dev.wharf.engine.Volumes;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One Docker host through the Engine API: containers here, images, networks and volumes in their own classes. */
final class DockerEngine implements ContainerEngine {

    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CONTAINER_CREATE,
            Capability.CONTAINER_RENAME, Capability.CONTAINER_REMOVE, Capability.CONTAINER_RESTART, Capability.LOGS,
            Capability.IMAGES, Capability.SWITCHES, Capability.VOLUMES);

    private final DockerConnection connection;
    private final Images images;
    private final Switches switches;
    private final Volumes volumes;
    private final Set<EventSubscription> subscriptions = ConcurrentHashMap.newKeySet();

    DockerEngine(EngineTarget target, DockerSettings settings, boolean presentClientCertificate) {
        this.connection = new DockerConnection(target, settings, presentClientCertificate);
        this.images = new DockerImages(connection);
        this.switches = new DockerNetworks(connection);
        this.volumes = new DockerVolumes(connection);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public HostInfo info() {
        return connection.call(docker -> DockerModels.hostInfo(docker.infoCmd().exec(), docker.versionCmd().exec(),
                connection.apiVersion()));
    }

    /** {@code GET /_ping}: the lightest call the Engine API has. */
    @Override
    public void ping(Duration timeout) {
        connection.call(timeout, docker -> docker.pingCmd().exec());
    }

    /**
     * Read by inspect: one lookup by id, where a filtered list walks every container of the daemon (a
     * watcher reads one container per event). Its status is the state word; the next full list brings
     * back the engine's own words ("Up 3 minutes").
     */
    @Override
    public Optional<ContainerSummary> container(String containerId) {
        try {
            return Optional.of(inspect(containerId).summary());
        } catch (EngineException.NotFound gone) {
            return Optional.empty();
        }
    }

    @Override
    public List<ContainerSummary> containers(boolean includeStopped) {
        return connection.call(docker -> docker.listContainersCmd().withShowAll(includeStopped).exec().stream()
                .map(DockerModels::summary).toList());
    }

    @Override
    public ContainerDetail inspect(String containerId) {
        return connection.call(docker -> DockerModels.detail(docker.inspectContainerCmd(containerId).exec()));
    }

    @Override
    public String create(ContainerSpec spec) {
        return connection.call(docker -> DockerContainerSpecs.command(docker, spec).exec().getId());
    }

    @Override
    public void start(String containerId) {
        connection.run(quick(), docker -> docker.startContainerCmd(containerId).exec());
    }

    @Override
    public void stop(String containerId, Duration grace) {
        connection.run(grace.plus(quick()), docker -> docker.stopContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec());
    }

    @Override
    public void restart(String containerId, Duration grace) {
        connection.run(grace.plus(quick()),
                docker -> docker.restartContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec());
    }

    @Override
    public void kill(String containerId, String signal) {
        connection.run(quick(), docker -> docker.killContainerCmd(containerId).withSignal(signal).exec());
    }

    @Override
    public void pause(String containerId) {
        connection.run(quick(), docker -> docker.pauseContainerCmd(containerId).exec());
    }

    @Override
    public void resume(String containerId) {
        connection.run(quick(), docker -> docker.unpauseContainerCmd(containerId).exec());
    }

    @Override
    public void rename(String containerId, String newName) {
        connection.run(quick(), docker -> docker.renameContainerCmd(containerId).withName(newName).exec());
    }

    @Override
    public void remove(String containerId, boolean force) {
        connection.run(quick(), docker -> docker.removeContainerCmd(containerId).withForce(force).exec());
    }

    @Override
    public List<LogLine> logs(String containerId, LogQuery query) {
        return connection.call(docker -> {
            var command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true);
            if (query.tail() != null) {
                command.withTail(query.tail());
            }
            if (query.since() != null) {
                command.withSince((int) query.since().getEpochSecond());
            }
            List<LogLine> read = new ArrayList<>();
            DockerLogLines lines = new DockerLogLines(query.timestamps(), read::add);
            await(command.exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    lines.accept(frame);
                }
            }));
            lines.finish();
            return read;
        });
    }

    @Override
    public StatsSample stats(String containerId) {
        return connection.call(docker -> {
            List<Statistics> samples = new ArrayList<>();
            await(docker.statsCmd(containerId).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics statistics) {
                    samples.add(statistics);
                }
            }));
            if (samples.isEmpty()) {
                throw new EngineException.Unavailable("Host '" + connection.target().name() + "' sent no statistics for "
                        + containerId, connection.target().hostId(), null);
            }
            return DockerModels.stats(samples.get(0));
        });
    }

    @Override
    public EngineStream followStats(String containerId, EngineStream.Listener<StatsSample> listener) {
        return DockerFollow.stats(connection.target(), connection.settings(), containerId, listener);
    }

    @Override
    public EngineStream followLogs(String containerId, LogQuery query, EngineStream.Listener<LogLine> listener) {
        return DockerFollow.logs(connection.target(), connection.settings(), containerId, query, listener);
    }

    @Override
    public Images images() {
        return images;
    }

    @Override
    public Switches switches() {
        return switches;
    }

    @Override
    public Volumes volumes() {
        return volumes;
    }

    /** Each subscription has its own thread and connection; closing the engine closes them too. */
    @Override
    public EventSubscription events(Instant since, Consumer<EngineEvent> sink) {
        DockerEvents events = DockerEvents.subscribe(connection.target(), connection.settings(), since, sink);
        EventSubscription subscription = new EventSubscription() {
            @Override
            public void close() {
                subscriptions.remove(this);
                events.close();
            }
        };
        subscriptions.add(subscription);
        return subscription;
    }

    /** Closes event streams, the connection pool and the host's threads; never throws. */
    @Override
    public void close() {
        List.copyOf(subscriptions).forEach(EventSubscription::close);
        connection.close();
    }

    private Duration quick() {
        return connection.settings().callTimeout();
    }

    private void await(ResultCallback.Adapter<?> callback) {
        EngineTarget target = connection.target();
        try {
            if (!callback.awaitCompletion(quick().toMillis(), TimeUnit.MILLISECONDS)) {
                callback.close();
                throw new EngineException.Timeout("Host '" + target.name() + "' did not finish the answer in time",
                        target.hostId(), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException.Timeout("Interrupted while reading from host '" + target.name() + "'", target.hostId(), e);
        } catch (IOException e) {
            throw DockerErrors.map(e, target);
        }
    }
}
