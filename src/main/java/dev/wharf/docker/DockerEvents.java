package dev.wharf.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One host's event stream on its own thread and its own connection (an event stream is quiet for
 * hours, so it has no read timeout). It reconnects with capped backoff and resumes from the last event
 * delivered, to the nanosecond, so each event arrives once. When the stream broke or the engine was
 * unreachable, the engine may have restarted and forgotten what happened meanwhile: the first thing
 * after reconnecting is then a {@link EngineEvent.Gap}. A new subscription cannot know what happened
 * before it; whoever opens one lists what exists first. A connection that goes silent without closing
 * (a host cut off mid-stream) is noticed by the caller's heartbeat, which closes and resubscribes.
 */
final class DockerEvents implements EventSubscription {

    private static final Logger log = LoggerFactory.getLogger(DockerEvents.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final EngineTarget target;
    private final DockerSettings settings;
    private final Consumer<EngineEvent> sink;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Closeable current;
    private final long floorNanos;
    private long lastNanos;
    /** Events already delivered at {@code lastNanos}: two events can share a nanosecond. */
    private final java.util.Set<String> deliveredAtLast = new java.util.HashSet<>();
    private boolean gap;

    private DockerEvents(EngineTarget target, DockerSettings settings, Instant since, Consumer<EngineEvent> sink) {
        this.target = target;
        this.settings = settings;
        this.sink = sink;
        this.floorNanos = since == null ? 0 : since.getEpochSecond() * 1_000_000_000L + since.getNano();
        this.lastNanos = floorNanos;
        this.thread = new Thread(this::run, "docker-events-" + target.name());
        this.thread.setDaemon(true);
    }

    static DockerEvents subscribe(EngineTarget target, DockerSettings settings, Instant since, Consumer<EngineEvent> sink) {
        DockerEvents events = new DockerEvents(target, settings, since, sink);
        events.thread.start();
        return events;
    }

    @Override
    public void close() {
        closed = true;
        Closeable stream = current;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(250);
        while (!closed) {
            // the ping has the usual timeouts; only the stream itself may stay silent for hours
            try (DockerHttpClient pingHttp = DockerTransport.httpClient(target, settings, true);
                    DockerClient pinger = DockerClientImpl.getInstance(DockerTransport.config(target, RemoteApiVersion.unknown()), pingHttp);
                    DockerHttpClient http = DockerTransport.httpClient(target, settings, true, Duration.ZERO);
                    DockerClient docker = DockerClientImpl.getInstance(DockerTransport.config(target, RemoteApiVersion.unknown()), http)) {
                current = http;
                pinger.pingCmd().exec();
                if (gap) {
                    gap = false;
                    deliver(new EngineEvent.Gap("the engine was unreachable; events may have been lost", Instant.now(), lastNanos));
                }
                backoff = Duration.ofMillis(250);
                var command = docker.eventsCmd();
                if (lastNanos > 0) {
                    command.withSince(lastNanos / 1_000_000_000L + "." + String.format("%09d", lastNanos % 1_000_000_000L));
                }
                ResultCallback.Adapter<Event> stream = command.exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        accept(event);
                    }
                });
                stream.awaitCompletion();
                if (!closed) {
                    gap = true; // the engine ended the stream: it stopped or restarted
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                gap = true;
                log.debug("Event stream of host '{}' failed: {}", target.name(), e.toString());
            }
            if (!closed) {
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void accept(Event event) {
        long nanos = event.getTimeNano() != null ? event.getTimeNano()
                : event.getTime() == null ? 0 : event.getTime() * 1_000_000_000L;
        String key = event.getType() + " " + event.getAction() + " " + (event.getActor() == null ? event.getId() : event.getActor().getId());
        if (closed || nanos <= floorNanos || nanos < lastNanos || (nanos == lastNanos && !deliveredAtLast.add(key))) {
            return; // the caller had it before subscribing, or this subscription delivered it before a reconnect
        }
        if (nanos > lastNanos) {
            lastNanos = nanos;
            deliveredAtLast.clear();
            deliveredAtLast.add(key);
        }
        EngineEvent mapped = map(event, nanos);
        if (mapped != null) {
            deliver(mapped);
        }
    }

    private void deliver(EngineEvent event) {
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            log.warn("Handling an event of host '{}' failed", target.name(), e);
        }
    }

    static EngineEvent map(Event event, long nanos) {
        Instant at = Instant.ofEpochSecond(0, nanos);
        String action = event.getAction() == null ? event.getStatus() : event.getAction();
        String id = event.getActor() != null && event.getActor().getId() != null ? event.getActor().getId() : event.getId();
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
        if (event.getType() == null || action == null) {
            return null;
        }
        return switch (event.getType()) {
            case CONTAINER -> new EngineEvent.ContainerChanged(id, attributes.get("name"), action, stateAfter(action), at, nanos);
            case IMAGE -> new EngineEvent.ImageChanged(id, action, at, nanos);
            case NETWORK -> new EngineEvent.SwitchChanged(id, attributes.get("name"), action, at, nanos);
            case VOLUME -> new EngineEvent.VolumeChanged(id, action, at, nanos);
            default -> null;
        };
    }

    /** The state an action leaves a container in, or null when it does not change the state (exec, attach...). */
    static ContainerState stateAfter(String action) {
        String verb = action.contains(":") ? action.substring(0, action.indexOf(':')) : action;
        return switch (verb) {
            case "create" -> ContainerState.CREATED;
            case "start", "unpause", "restart" -> ContainerState.RUNNING;
            case "pause" -> ContainerState.PAUSED;
            case "die", "stop", "oom" -> ContainerState.EXITED;
            default -> null;
        };
    }
}
