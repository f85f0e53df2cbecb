package dev.wharf.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.HostCalls;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One host's connection: its transport and pool, a pool of threads for quick calls and a separate one
 * for calls that move images (so a long pull never starves the quick calls), and the client pinned to
 * min(daemon's API version, ours) on first use, since docker-java does not negotiate.
 */
final class DockerConnection implements AutoCloseable {

    /** The newest API version this adapter is written against. */
    static final RemoteApiVersion OURS = RemoteApiVersion.VERSION_1_44;
    /** Pulls and imports move whole images; they get this long instead of the call deadline. */
    private static final Duration LONG_CALL = Duration.ofMinutes(30);
    private static final int LONG_CALL_THREADS = 2;

    private final EngineTarget target;
    private final DockerSettings settings;
    private final DockerHttpClient http;
    private final HostCalls quick;
    private final HostCalls slow;
    private volatile DockerClient client;
    private volatile RemoteApiVersion apiVersion;
    private volatile DockerRaw raw;

    DockerConnection(EngineTarget target, DockerSettings settings, boolean presentClientCertificate) {
        this.target = target;
        this.settings = settings;
        this.http = DockerTransport.httpClient(target, settings, presentClientCertificate);
        this.quick = new HostCalls(target, "docker-" + target.name(), settings.threads(), settings.queue(), DockerErrors::map);
        this.slow = new HostCalls(target, "docker-long-" + target.name(), LONG_CALL_THREADS, settings.queue(), DockerErrors::map);
    }

    EngineTarget target() {
        return target;
    }

    DockerSettings settings() {
        return settings;
    }

    /** A read or quick call: the configured deadline. */
    <T> T call(Function<DockerClient, T> action) {
        return call(settings.callTimeout(), action);
    }

    <T> T call(Duration deadline, Function<DockerClient, T> action) {
        return quick.call(deadline, () -> action.apply(client()));
    }

    /** A call that moves an image: a long deadline, on the host's own long-call threads. */
    <T> T longCall(Function<DockerClient, T> action) {
        return slow.call(LONG_CALL, () -> action.apply(client()));
    }

    /**
     * A lifecycle action. Docker answers 304 when the container is already in the asked-for state; the
     * caller's wish is met, so that is success.
     */
    void run(Duration deadline, Consumer<DockerClient> action) {
        quick.call(deadline, () -> {
            try {
                action.accept(client());
            } catch (NotModifiedException alreadyThere) {
                // started twice, stopped twice: nothing to do
            }
            return null;
        });
    }

    /** Engine API calls docker-java lacks; valid inside a call, once the version is pinned. */
    DockerRaw raw() {
        return raw;
    }

    /** The pinned API version, such as "1.41"; null before the first call. */
    String apiVersion() {
        return apiVersion == null ? null : apiVersion.getVersion();
    }

    boolean apiAtLeast(RemoteApiVersion version) {
        return apiVersion != null && apiVersion.isGreaterOrEqual(version);
    }

    @Override
    public void close() {
        quick.close();
        slow.close();
        try {
            http.close();
        } catch (IOException | RuntimeException ignored) {
            // nothing left to release
        }
    }

    /** The pinned client; the first call (on a host thread) reads the daemon's version. */
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
                raw = new DockerRaw(http, chosen.getVersion());
                apiVersion = chosen;
                client = DockerClientImpl.getInstance(DockerTransport.config(target, chosen), http);
            }
            return client;
        }
    }
}
