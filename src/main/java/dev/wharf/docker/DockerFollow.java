package dev.wharf.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.wharf.engine.EngineStream;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.LogQuery;
import dev.wharf.engine.StatsSample;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;

/**
 * One followed stream of a container (its stats, or its log lines) on a connection of its own, like the
 * event stream: a log can stay silent for hours, so this connection has no read timeout, and closing the
 * stream closes the connection, so the engine sees exactly one connection per stream.
 */
final class DockerFollow implements EngineStream {

    private final EngineTarget target;
    private final DockerHttpClient http;
    private final DockerClient docker;
    private volatile boolean closed;
    private volatile Closeable callback;

    private DockerFollow(EngineTarget target, DockerSettings settings) {
        this.target = target;
        this.http = DockerTransport.httpClient(target, settings, true, Duration.ZERO);
        this.docker = DockerClientImpl.getInstance(DockerTransport.config(target, RemoteApiVersion.unknown()), http);
    }

    static DockerFollow stats(EngineTarget target, DockerSettings settings, String containerId, Listener<StatsSample> listener) {
        DockerFollow follow = new DockerFollow(target, settings);
        return follow.start(() -> follow.docker.statsCmd(containerId).exec(follow.new Delivery<Statistics>(listener) {
            @Override
            public void onNext(Statistics statistics) {
                if (!follow.closed) {
                    listener.next(DockerModels.stats(statistics));
                }
            }
        }));
    }

    static DockerFollow logs(EngineTarget target, DockerSettings settings, String containerId, LogQuery query,
            Listener<LogLine> listener) {
        DockerFollow follow = new DockerFollow(target, settings);
        DockerLogLines lines = new DockerLogLines(true, line -> {
            if (!follow.closed) {
                listener.next(line);
            }
        });
        var command = follow.docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withFollowStream(true);
        if (query.tail() != null) {
            command.withTail(query.tail());
        }
        if (query.since() != null) {
            command.withSince((int) query.since().getEpochSecond());
        }
        return follow.start(() -> command.exec(follow.new Delivery<Frame>(listener) {
            @Override
            public void onNext(Frame frame) {
                lines.accept(frame);
            }

            @Override
            public void onComplete() {
                lines.finish();
                super.onComplete();
            }
        }));
    }

    /** Sends the request; a failure to even send it closes the connection made for it. */
    private DockerFollow start(java.util.function.Supplier<Closeable> send) {
        try {
            callback = send.get();
            return this;
        } catch (RuntimeException e) {
            close();
            throw DockerErrors.map(e, target);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            Closeable open = callback;
            if (open != null) {
                open.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing anyway
        }
        try {
            docker.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is gone either way
        }
    }

    /** Tells the listener once how the engine ended the stream, unless Wharf closed it first. */
    private abstract class Delivery<T> extends ResultCallback.Adapter<T> {

        private final Listener<?> listener;

        Delivery(Listener<?> listener) {
            this.listener = listener;
        }

        @Override
        public void onError(Throwable failure) {
            if (!closed) {
                closed = true;
                listener.ended(DockerErrors.map(failure, target));
                DockerFollow.this.close();
            }
        }

        @Override
        public void onComplete() {
            if (!closed) {
                closed = true;
                listener.ended(null);
                DockerFollow.this.close();
            }
        }
    }
}
