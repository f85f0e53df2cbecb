package dev.wharf.live;

import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineStream;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.StatsSample;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One container's stats or log lines, followed from the engine once for however many viewers watch. Each
 * item becomes a numbered event, handed to every viewer's queue under this feed's lock (stats also keep the
 * newest sample, which a viewer who joins gets first, with neither overlap nor gap; a log viewer reads its
 * own history, see {@link LogHistory}).
 */
final class ContainerFeed {

    private static final Logger log = LoggerFactory.getLogger(ContainerFeed.class);

    private final ContainerFeeds.Key key;
    private final String containerName;
    private final JsonMapper json;
    private final ReplayBuffer buffer;
    private final Fanout viewers = new Fanout();
    private long lastId;
    private boolean over;
    private EventFrame endFrame;
    private volatile EngineStream engineStream;

    /** @param bufferSize events kept for viewers who join; 0 for none */
    ContainerFeed(ContainerFeeds.Key key, String containerName, int bufferSize, JsonMapper json) {
        this.key = key;
        this.containerName = containerName;
        this.json = json;
        this.buffer = bufferSize > 0 ? new ReplayBuffer(bufferSize, 0) : null;
    }

    ContainerFeeds.Key key() {
        return key;
    }

    /** Set once, right after the engine stream opened (before anything else can reach this feed). */
    void following(EngineStream stream) {
        this.engineStream = stream;
    }

    /**
     * Adds a viewer made by {@code viewer} from the newest {@code replay} buffered events (stats keep the
     * newest minute; logs keep none: each log viewer reads its own history); false when the feed has already
     * ended (the caller opens a new one).
     */
    synchronized boolean join(int replay, Function<List<EventFrame>, StreamClient> viewer) {
        if (over) {
            return false;
        }
        viewers.add(viewer.apply(buffer == null ? List.of() : buffer.latest(replay)));
        return true;
    }

    /** Removes a viewer; true when it was the last, and the feed is over (its engine stream is then closed). */
    synchronized boolean leave(StreamClient viewer) {
        viewers.remove(viewer);
        if (viewers.isEmpty()) {
            over = true;
            return true;
        }
        return false;
    }

    synchronized int viewers() {
        return viewers.size();
    }

    void stats(StatsSample sample) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cpuPercent", sample.cpuPercent());
        details.put("cpuTimeNanos", sample.cpuTimeNanos());
        details.put("memoryBytes", sample.memoryBytes());
        details.put("memoryLimitBytes", sample.memoryLimitBytes());
        details.put("networkRxBytes", sample.networkRxBytes());
        details.put("networkTxBytes", sample.networkTxBytes());
        details.put("blockReadBytes", sample.blockReadBytes());
        details.put("blockWriteBytes", sample.blockWriteBytes());
        publish("stats", "sample", sample.at(), details);
    }

    void line(LogLine line) {
        publish(lineFrame(line));
    }

    /** A line as an event of this feed (a new id), for the feed itself or for one viewer's history. */
    synchronized EventFrame lineFrame(LogLine line) {
        String stream = line.stream().name().toLowerCase(Locale.ROOT);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("stream", stream);
        details.put("text", line.text());
        return frame("log", stream, line.at() == null ? Instant.now() : line.at(), details);
    }

    /** The engine ended the stream: every viewer gets an {@code end} event after what it has queued, then its stream ends. */
    void ended(EngineException failure) {
        String reason = failure == null ? "The container stopped or was removed." : failure.getMessage();
        EventFrame last;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            last = frame("end", failure == null ? "ended" : "failed", Instant.now(), Map.of("reason", reason));
            endFrame = last;
            viewers.finish(last);
        }
        log.debug("Feed {} ended: {}", key, reason);
    }

    /** How the feed ended, for a viewer who arrives just after; null while it runs. */
    synchronized EventFrame endFrame() {
        return endFrame;
    }

    /** Ends every viewer's stream without an {@code end}: they reconnect (the host changed, the console stops). */
    synchronized void closeViewers() {
        over = true;
        viewers.closeAll();
    }

    /** Closes the engine stream; never throws. */
    void close() {
        EngineStream stream = engineStream;
        if (stream != null) {
            try {
                stream.close();
            } catch (RuntimeException e) {
                log.debug("Closing the engine stream of {} failed: {}", key, e.toString());
            }
        }
    }

    private synchronized void publish(String type, String action, Instant at, Map<String, Object> details) {
        if (!over) {
            publish(frame(type, action, at == null ? Instant.now() : at, details));
        }
    }

    private synchronized void publish(EventFrame frame) {
        if (over) {
            return;
        }
        if (buffer != null) {
            buffer.add(frame);
        }
        viewers.offer(frame, dropped -> log.info("Dropped {} stream {} of {}: it fell too far behind", frame.event().type(),
                dropped.name(), dropped.viewer()));
    }

    private EventFrame frame(String type, String action, Instant at, Map<String, Object> details) {
        LiveEvent event = new LiveEvent(++lastId, type, key.hostId(),
                new LiveEvent.Resource("container", key.containerId(), containerName), action,
                type.equals("log") ? at : at.truncatedTo(ChronoUnit.MILLIS), details);
        return new EventFrame(event, json);
    }

    @Override
    public String toString() {
        return key.kind().name().toLowerCase(Locale.ROOT) + " of " + key.containerId() + " on " + key.hostId();
    }
}
