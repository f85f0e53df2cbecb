package dev.wharf.live;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.hosts.RegisteredHost;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's one sequence of live events: numbered, kept in a bounded replay buffer, and fanned out
 * to every open stream. Numbering, buffering and handing out happen under one short lock, so every
 * stream sees ids in order, and a new stream's replay and its live part neither overlap nor leave a gap.
 * Nothing under the lock waits: a stream whose queue is full is dropped on the spot.
 */
@Component
public class LiveEvents {

    private static final Logger log = LoggerFactory.getLogger(LiveEvents.class);
    /** How far back {@link #latest} looks for events a caller may see. */
    static final int LATEST_SCAN = 2000;

    private final LiveSettings settings;
    private final AccessPolicy access;
    private final HostScopes scopes;
    private final JsonMapper json;
    private final Clock clock;
    private final Object lock = new Object();
    /**
     * Ids start from the console's start time in microseconds, not from 1: a client that reconnects to a
     * restarted console with an id it got before then gets a resync, never another run's events under the
     * same numbers. (2^53, where a JavaScript client would lose precision, is centuries away.)
     */
    private final AtomicLong lastId;
    /** The id before this run's first event. */
    private final long start;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong streamNumbers = new AtomicLong();
    private final ReplayBuffer buffer;
    private final Fanout clients = new Fanout();
    private final OpenStreams streams;
    private final LiveFragments fragments;
    private boolean shutDown;

    /** What a stream carries: JSON for the API, HTML fragments for pages (the same events, ids and filter). */
    enum Form { JSON, HTML }

    LiveEvents(LiveSettings settings, AccessPolicy access, HostScopes scopes, JsonMapper json, Clock clock, OpenStreams streams,
            LiveFragments fragments) {
        this.settings = settings;
        this.access = access;
        this.scopes = scopes;
        this.json = json;
        this.clock = clock;
        this.streams = streams;
        this.fragments = fragments;
        this.start = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
        this.lastId = new AtomicLong(start);
        this.buffer = new ReplayBuffer(settings.replayBuffer(), start);
    }

    /** Numbers the change, keeps it for replay and hands it to every stream whose viewer may see its host. */
    public LiveEvent publish(String type, UUID hostId, LiveEvent.Resource resource, String action, Map<String, Object> details) {
        return publish(type, hostId, resource, action, details, null);
    }

    /**
     * A change to the registration of {@code host} ({@code registered}, {@code edited}, {@code removed}), seen
     * by whoever may see the host as the change left it: a removed host can no longer be looked up.
     */
    LiveEvent publishAbout(RegisteredHost host, String action) {
        return publish("host", host.id(), new LiveEvent.Resource("host", host.id().toString(), host.name()), action,
                Map.of(), host.scope());
    }

    private LiveEvent publish(String type, UUID hostId, LiveEvent.Resource resource, String action, Map<String, Object> details,
            HostScope scope) {
        if (type == null || type.isBlank() || type.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw new IllegalArgumentException("An event type is one word, not '" + type + "'");
        }
        synchronized (lock) {
            LiveEvent event = new LiveEvent(lastId.incrementAndGet(), type, hostId, resource, action,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), details);
            EventFrame frame = new EventFrame(event, json, scope);
            buffer.add(frame);
            clients.offer(frame, client -> {
                dropped.incrementAndGet();
                log.info("Dropped event stream {} of {}: it fell {} events behind (it reconnects and resumes)",
                        client.name(), client.viewer(), settings.clientQueue());
            });
            return event;
        }
    }

    /** A pull's progress, as the images module reports it. */
    @EventListener
    void onPullProgressed(ImagePullProgressed pull) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("percent", pull.percent());
        details.put("status", pull.status());
        details.put("layers", pull.layers());
        details.put("error", pull.error());
        publish("pull", pull.hostId(), new LiveEvent.Resource("pull", pull.operationId().toString(), pull.reference()),
                pull.state(), details);
    }

    /**
     * Opens a stream for {@code caller}. With {@code lastEventId} it first replays what the caller missed,
     * or, when the buffer no longer reaches back that far (or the id is not this console's), says
     * {@code resync} and goes on live.
     */
    SseEmitter open(Authentication caller, String lastEventId, Form as, String sessionId) {
        // ends when the viewer may see no host at all any more (each event is filtered as it goes out anyway)
        OpenStreams.Permit permit = streams.acquire(caller, sessionId, () -> access.maySomewhere(caller, Permission.HOST_READ));
        SseEmitter emitter = new SseEmitter(0L); // no timeout: heartbeats find dead clients
        StreamClient client;
        synchronized (lock) {
            if (shutDown) {
                permit.release();
                throw new IllegalStateException("The console is shutting down");
            }
            StringBuilder preamble = new StringBuilder("retry: ").append(settings.retry().toMillis()).append("\n\n");
            long newest = buffer.newest();
            List<EventFrame> replay = List.of();
            if (lastEventId != null) {
                long last = parse(lastEventId);
                List<EventFrame> missed = last > newest ? null : buffer.after(last);
                if (missed == null) {
                    // below this run's first id: a client of an earlier console run
                    String reason = last < start || last > newest ? "unknown-id" : "buffer-exceeded";
                    // carries the newest id, so a client that drops again resumes from here, not from before the gap
                    preamble.append("id: ").append(newest).append("\nevent: resync\ndata: {\"reason\":\"")
                            .append(reason).append("\"}\n\n");
                } else {
                    replay = missed;
                }
            }
            Function<EventFrame, String> form = as == Form.JSON ? EventFrame::text : frame -> frame.html(fragments::render);
            // the replay and the queue never overlap (both are taken under this lock); the check makes sure
            long[] lastSent = {newest - replay.size()};
            Function<EventFrame, String> render = frame -> {
                if (frame.id() <= lastSent[0]) {
                    return null;
                }
                lastSent[0] = frame.id();
                return visible(caller, frame) ? form.apply(frame) : null;
            };
            List<EventFrame> missed = replay;
            client = new StreamClient((as == Form.JSON ? "wharf-events-" : "wharf-live-") + streamNumbers.incrementAndGet(),
                    caller.getName(), emitter, settings.clientQueue(), preamble.toString(), () -> missed,
                    render, settings.heartbeat().toNanos(), over -> {
                        ended(over);
                        permit.release();
                    });
            clients.add(client);
        }
        permit.closeWith(() -> disconnect(client));
        emitter.onCompletion(() -> disconnect(client));
        emitter.onTimeout(() -> disconnect(client));
        emitter.onError(e -> disconnect(client));
        Thread sender = new Thread(client, client.name());
        sender.setDaemon(true);
        sender.start();
        return emitter;
    }

    /** Streams open now. */
    public int openStreams() {
        synchronized (lock) {
            return clients.size();
        }
    }

    /** Streams dropped since the start because they fell a whole queue behind. */
    public long droppedStreams() {
        return dropped.get();
    }

    private boolean visible(Authentication caller, EventFrame frame) {
        UUID hostId = frame.event().hostId();
        if (hostId == null) {
            return access.may(caller, Permission.HOST_READ, HostScope.none());
        }
        Permission needed = permission(frame.event().type());
        return (frame.scope() != null ? java.util.Optional.of(frame.scope()) : scopes.of(hostId)).map(scope -> access.may(caller, Permission.HOST_READ, scope)
                && access.may(caller, needed, scope)).orElse(false);
    }

    /** What a caller must hold on the host to see an event of this type: what its list would need. */
    private static Permission permission(String type) {
        switch (type) {
            case "container":
                return Permission.CONTAINER_READ;
            case "image":
            case "pull":
                return Permission.IMAGE_READ;
            case "switch":
                return Permission.SWITCH_READ;
            case "volume":
                return Permission.VOLUME_READ;
            default:
                return Permission.HOST_READ;
        }
    }

    private void disconnect(StreamClient client) {
        synchronized (lock) {
            clients.remove(client);
            client.close();
        }
    }

    private void ended(StreamClient client) {
        synchronized (lock) {
            clients.remove(client);
        }
    }

    /**
     * The newest events {@code caller} may see that lists show ({@link LiveEvent#listed()}), newest first: at
     * most {@code count}, found among the newest {@value #LATEST_SCAN} kept for replay.
     */
    public List<LiveEvent> latest(Authentication caller, int count) {
        List<EventFrame> newest;
        synchronized (lock) {
            newest = buffer.latest(LATEST_SCAN);
        }
        List<LiveEvent> seen = new java.util.ArrayList<>();
        for (int i = newest.size() - 1; i >= 0 && seen.size() < count; i--) {
            EventFrame frame = newest.get(i);
            if (frame.event().listed() && visible(caller, frame)) {
                seen.add(frame.event());
            }
        }
        return seen;
    }

    /** The newest event's id: a page rendered now has seen everything up to it. */
    public long newestId() {
        synchronized (lock) {
            return buffer.newest();
        }
    }

    /** Ends every stream before the web server waits for open requests to finish. */
    @EventListener(ContextClosedEvent.class)
    @PreDestroy
    void closeAll() {
        synchronized (lock) {
            shutDown = true;
            clients.closeAll();
        }
    }

    private static long parse(String id) {
        try {
            return Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
