package dev.wharf.live;

import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineStream;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.LogQuery;
import dev.wharf.engine.StatsSample;
import dev.wharf.hosts.HostChanged;
import dev.wharf.hosts.HostEngines;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The containers being followed now: one {@link ContainerFeed} per container and kind, opened with the
 * first viewer and closed (engine stream and all) when the last one leaves.
 */
@Component
public class ContainerFeeds {

    public enum Kind {
        /** One sample a second; a viewer who joins gets the newest at once. */
        STATS(1, 1),
        /** Lines as they are written; each viewer reads its own history of up to a thousand lines when it joins. */
        LOGS(0, 1000);

        private final int buffered;
        private final int maxReplay;

        Kind(int buffered, int maxReplay) {
            this.buffered = buffered;
            this.maxReplay = maxReplay;
        }

        /** The most a viewer can get of what happened before it joined. */
        public int maxReplay() {
            return maxReplay;
        }
    }

    /**
     * Lines the engine sends again when a log feed opens. The first viewer reads its history while the
     * feed connects; these cover whatever is written in between, and the viewer's cutoff drops the repeats.
     */
    private static final int LOG_OVERLAP = 100;

    record Key(UUID hostId, String containerId, Kind kind) {}

    private final HostEngines engines;
    private final OpenStreams streams;
    private final LiveSettings settings;
    private final StreamFragments fragments;
    private final JsonMapper json;
    private final Map<Key, ContainerFeed> feeds = new HashMap<>();
    private final AtomicLong streamNumbers = new AtomicLong();

    ContainerFeeds(HostEngines engines, OpenStreams streams, LiveSettings settings, StreamFragments fragments, JsonMapper json) {
        this.engines = engines;
        this.streams = streams;
        this.settings = settings;
        this.fragments = fragments;
        this.json = json;
    }

    /**
     * Opens a viewer's stream of a container the caller may watch (the controller checked), starting with
     * the newest {@code replay} items the feed has.
     *
     * @param containerName for the events' {@code resource}
     * @param sessionId the browser session (its streams close at sign-out), null for API callers
     * @param stillAllowed asked again whenever access changes; false ends this viewer's stream
     */
    SseEmitter open(Authentication caller, String sessionId, UUID hostId, String containerId, String containerName, Kind kind,
            int replay, LiveEvents.Form form, BooleanSupplier stillAllowed) {
        OpenStreams.Permit permit = streams.acquire(caller, sessionId, stillAllowed);
        try {
            SseEmitter emitter = new SseEmitter(0L);
            Key key = new Key(hostId, containerId, kind);
            Function<EventFrame, String> render = form == LiveEvents.Form.JSON ? EventFrame::text
                    : frame -> frame.html(fragments::render);
            StreamClient[] opened = new StreamClient[1];
            synchronized (feeds) {
                ContainerFeed feed = feeds.get(key);
                if (feed == null || !feed.join(replay, buffered -> opened[0] = viewer(caller, emitter, feed, buffered, replay, render, permit))) {
                    ContainerFeed started = start(key, containerName);
                    if (!started.join(replay, buffered -> opened[0] = viewer(caller, emitter, started, buffered, replay, render, permit))) {
                        // the engine ended it at once (a stopped container's log): the viewer gets its history and the end
                        feeds.remove(key);
                        started.close();
                        opened[0] = viewer(caller, emitter, started, List.of(), replay, render, permit);
                        EventFrame end = started.endFrame();
                        if (end != null) {
                            opened[0].finish(end);
                        } else {
                            opened[0].close(); // closed by a host change meanwhile: the viewer reconnects
                        }
                    }
                }
            }
            StreamClient client = opened[0];
            permit.closeWith(() -> leave(key, client, true));
            emitter.onCompletion(() -> leave(key, client, true));
            emitter.onTimeout(() -> leave(key, client, true));
            emitter.onError(e -> leave(key, client, true));
            Thread sender = new Thread(client, client.name());
            sender.setDaemon(true);
            sender.start();
            return emitter;
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }

    /** Engine streams open now, for every container and kind. */
    public int following() {
        synchronized (feeds) {
            return feeds.size();
        }
    }

    /** Viewers of one container's feed of {@code kind}. */
    public int viewers(UUID hostId, String containerId, Kind kind) {
        synchronized (feeds) {
            ContainerFeed feed = feeds.get(new Key(hostId, containerId, kind));
            return feed == null ? 0 : feed.viewers();
        }
    }

    /** Called under the map's lock: opening is quick (a connection's first bytes come on the engine's own thread). */
    private ContainerFeed start(Key key, String containerName) {
        ContainerFeed feed = new ContainerFeed(key, containerName, key.kind().buffered, json);
        var engine = engines.engine(key.hostId());
        EngineStream stream = key.kind() == Kind.STATS
                ? engine.followStats(key.containerId(), listener(feed, feed::stats))
                : engine.followLogs(key.containerId(), new LogQuery(LOG_OVERLAP, null, true), listener(feed, feed::line));
        feed.following(stream);
        feeds.put(key, feed);
        return feed;
    }

    private <T> EngineStream.Listener<T> listener(ContainerFeed feed, java.util.function.Consumer<T> next) {
        return new EngineStream.Listener<>() {
            @Override
            public void next(T item) {
                next.accept(item);
            }

            @Override
            public void ended(EngineException failure) {
                feed.ended(failure); // its viewers then leave, the last one removing it
            }
        };
    }

    private StreamClient viewer(Authentication caller, SseEmitter emitter, ContainerFeed feed, List<EventFrame> buffered,
            int replay, Function<EventFrame, String> render, OpenStreams.Permit permit) {
        Key key = feed.key();
        String name = "wharf-" + key.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + streamNumbers.incrementAndGet();
        String preamble = "retry: " + settings.retry().toMillis() + "\n\n";
        Supplier<List<EventFrame>> start = () -> buffered;
        Function<EventFrame, String> send = render;
        if (key.kind() == Kind.LOGS) {
            LogHistory history = new LogHistory(feed, engines.engine(key.hostId()), replay);
            start = history::read;
            send = frame -> history.isNew(frame) ? render.apply(frame) : null;
        }
        return new StreamClient(name, caller.getName(), emitter, settings.clientQueue(), preamble, start, send,
                settings.heartbeat().toNanos(), ended -> {
                    leave(key, ended, false);
                    permit.release();
                });
    }

    /** A viewer left; the last one closes the engine stream. */
    private void leave(Key key, StreamClient client, boolean closeClient) {
        if (closeClient) {
            client.close();
        }
        ContainerFeed closing = null;
        synchronized (feeds) {
            ContainerFeed feed = feeds.get(key);
            if (feed != null && feed.leave(client)) {
                feeds.remove(key);
                closing = feed;
            }
        }
        if (closing != null) {
            closing.close(); // outside the lock: a slow engine must not hold up other containers' viewers
        }
    }

    /**
     * A host edited (it may now be another engine, or in another group) or removed: its feeds end without an
     * {@code end}, so their viewers reconnect, are checked again, and follow the host as it is now.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void hostChanged(HostChanged changed) {
        if (changed.change() != HostChanged.Change.REGISTERED) {
            closeWhere(feed -> feed.key().hostId().equals(changed.hostId()));
        }
    }

    /** Ends every stream before the web server waits for open requests to finish; browsers reconnect to the next console. */
    @EventListener(ContextClosedEvent.class)
    @PreDestroy
    void closeAll() {
        closeWhere(feed -> true);
    }

    private void closeWhere(Predicate<ContainerFeed> which) {
        List<ContainerFeed> closing = new ArrayList<>();
        synchronized (feeds) {
            feeds.values().removeIf(feed -> which.test(feed) && closing.add(feed));
        }
        closing.forEach(feed -> {
            feed.closeViewers();
            feed.close();
        });
    }
}
