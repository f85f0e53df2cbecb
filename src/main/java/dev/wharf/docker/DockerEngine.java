package dev.wharf.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.Images;
import dev.wharf.engine.Switches;
import dev.wharf.engine.Volumes;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.LogQuery;
import dev.wharf.engine.StatsSample;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One Docker host through the Engine API. The first call reads the daemon's API version and pins the
 * client to min(daemon's, ours), since docker-java does not negotiate. Every call runs on the host's
 * own {@link HostCalls} with a deadline.
 */
final class DockerEngine implements ContainerEngine {

    /** The newest API version this adapter is written against. */
    static final RemoteApiVersion OURS = RemoteApiVersion.VERSION_1_44;
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CONTAINER_CREATE,
            Capability.CONTAINER_RENAME, Capability.CONTAINER_REMOVE, Capability.CONTAINER_RESTART, Capability.LOGS,
            Capability.IMAGES, Capability.SWITCHES, Capability.VOLUMES);
    /** Pulls and imports move whole images; they get this long instead of the call deadline. */
    private static final Duration LONG_CALL = Duration.ofMinutes(30);

    private final EngineTarget target;
    private final DockerSettings settings;
    private final DockerHttpClient http;
    private final HostCalls calls;
    private final Images images = new DockerImages(this);
    private final Switches switches = new DockerNetworks(this);
    private final Volumes volumes = new DockerVolumes(this);
    private volatile DockerClient client;
    private volatile String apiVersion;
    private volatile DockerRaw raw;

    DockerEngine(EngineTarget target, DockerSettings settings, boolean presentClientCertificate) {
        this.target = target;
        this.settings = settings;
        this.http = DockerTransport.httpClient(target, settings, presentClientCertificate);
        this.calls = new HostCalls(target, settings);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public HostInfo info() {
        return call(docker -> DockerModels.hostInfo(docker.infoCmd().exec(), docker.versionCmd().exec(), apiVersion));
    }

    @Override
    public List<ContainerSummary> containers(boolean includeStopped) {
        return call(docker -> docker.listContainersCmd().withShowAll(includeStopped).exec().stream()
                .map(DockerModels::summary).toList());
    }

    @Override
    public ContainerDetail inspect(String containerId) {
        return call(docker -> DockerModels.detail(docker.inspectContainerCmd(containerId).exec()));
    }

    @Override
    public String create(ContainerSpec spec) {
        return call(docker -> DockerContainerSpecs.command(docker, spec).exec().getId());
    }

    @Override
    public void start(String containerId) {
        run(settings.callTimeout(), docker -> docker.startContainerCmd(containerId).exec());
    }

    @Override
    public void stop(String containerId, Duration grace) {
        run(grace.plus(settings.callTimeout()),
                docker -> docker.stopContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec());
    }

    @Override
    public void restart(String containerId, Duration grace) {
        run(grace.plus(settings.callTimeout()),
                docker -> docker.restartContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec());
    }

    @Override
    public void kill(String containerId, String signal) {
        run(settings.callTimeout(), docker -> docker.killContainerCmd(containerId).withSignal(signal).exec());
    }

    @Override
    public void pause(String containerId) {
        run(settings.callTimeout(), docker -> docker.pauseContainerCmd(containerId).exec());
    }

    @Override
    public void resume(String containerId) {
        run(settings.callTimeout(), docker -> docker.unpauseContainerCmd(containerId).exec());
    }

    @Override
    public void rename(String containerId, String newName) {
        run(settings.callTimeout(), docker -> docker.renameContainerCmd(containerId).withName(newName).exec());
    }

    @Override
    public void remove(String containerId, boolean force) {
        run(settings.callTimeout(), docker -> docker.removeContainerCmd(containerId).withForce(force).exec());
    }

    @Override
    public List<LogLine> logs(String containerId, LogQuery query) {
        return call(docker -> {
            var command = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true);
            if (query.tail() != null) {
                command.withTail(query.tail());
            }
            if (query.since() != null) {
                command.withSince((int) query.since().getEpochSecond());
            }
            DockerLogLines lines = new DockerLogLines(query.timestamps());
            await(command.exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    lines.accept(frame);
                }
            }));
            return lines.finish();
        });
    }

    @Override
    public StatsSample stats(String containerId) {
        return call(docker -> {
            List<Statistics> samples = new ArrayList<>();
            await(docker.statsCmd(containerId).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics statistics) {
                    samples.add(statistics);
                }
            }));
            if (samples.isEmpty()) {
                throw new EngineException.Unavailable("Host '" + target.name() + "' sent no statistics for " + containerId,
                        target.hostId(), null);
            }
            return DockerModels.stats(samples.get(0));
        });
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

    @Override
    public EventSubscription events(Instant since, Consumer<EngineEvent> sink) {
        return DockerEvents.subscribe(target, settings, since, sink);
    }

    /** Closes the connection pool and stops the host's threads; never throws. */
    @Override
    public void close() {
        calls.close();
        try {
            http.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to release
        }
    }

    /** A read or quick call: the default deadline. */
    <T> T call(java.util.function.Function<DockerClient, T> action) {
        return calls.call(settings.callTimeout(), () -> action.apply(client()));
    }

    /** A call that moves an image: a long deadline, still on the host's own threads. */
    <T> T longCall(java.util.function.Function<DockerClient, T> action) {
        return calls.call(LONG_CALL, () -> action.apply(client()));
    }

    /** Engine API calls docker-java lacks; only valid inside {@link #call}, after the version is pinned. */
    DockerRaw raw() {
        return raw;
    }

    /**
     * A lifecycle action. Docker answers 304 when the container is already in the asked-for state; the
     * caller's wish is met, so that is success.
     */
    private void run(Duration deadline, Consumer<DockerClient> action) {
        calls.call(deadline, () -> {
            try {
                action.accept(client());
            } catch (NotModifiedException alreadyThere) {
                // started twice, stopped twice: nothing to do
            }
            return null;
        });
    }

    /** The pinned client; the first call (on the host's own thread) reads the daemon's version. */
    private DockerClient client() {
        DockerClient pinned = client;
        if (pinned != null) {
            return pinned;
        }
        synchronized (this) {
            if (client == null) {
                Version version = DockerClientImpl.getInstance(DockerTransport.config(target, RemoteApiVersion.unknown()), http)
                        .versionCmd().exec();
                RemoteApiVersion daemon = RemoteApiVersion.parseConfig(version.getApiVersion());
                RemoteApiVersion chosen = daemon.isGreater(OURS) ? OURS : daemon;
                apiVersion = chosen.getVersion();
                raw = new DockerRaw(http, apiVersion);
                client = DockerClientImpl.getInstance(DockerTransport.config(target, chosen), http);
            }
            return client;
        }
    }

    private void await(ResultCallback.Adapter<?> callback) {
        try {
            if (!callback.awaitCompletion(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
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
