package dev.wharf.live;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.LogQuery;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one viewer of a shared log feed starts: the newest lines are read for it alone, and from then on it
 * gets only the feed's lines written after the last of those (by the engine's own timestamps, so the
 * console's clock plays no part). A viewer that asked for no history still reads one line, to know where
 * "after" begins.
 */
final class LogHistory {

    private static final Logger log = LoggerFactory.getLogger(LogHistory.class);

    private final ContainerFeed feed;
    private final ContainerEngine engine;
    private final int tail;
    /** Written by {@link #read()} before the sender thread renders anything else; read on that thread only. */
    private Instant cutoff;
    /** The history's own frames, which are new to this viewer however old (read on the sender thread only). */
    private final java.util.Set<EventFrame> history = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    LogHistory(ContainerFeed feed, ContainerEngine engine, int tail) {
        this.feed = feed;
        this.engine = engine;
        this.tail = tail;
    }

    List<EventFrame> read() {
        try {
            List<LogLine> lines = engine.logs(feed.key().containerId(), new LogQuery(Math.max(tail, 1), null, true));
            if (lines.isEmpty()) {
                return List.of();
            }
            cutoff = lines.get(lines.size() - 1).at();
            List<EventFrame> frames = lines.subList(Math.max(0, lines.size() - tail), lines.size()).stream().map(feed::lineFrame).toList();
            history.addAll(frames);
            return frames;
        } catch (EngineException e) {
            log.debug("Reading the log history of {} failed; the viewer gets the feed's lines from now on: {}", feed, e.getMessage());
            return List.of();
        }
    }

    /**
     * True for an event this viewer has not had: its history itself (sent through the same check), and any
     * feed event but a line already in that history.
     */
    boolean isNew(EventFrame frame) {
        if (history.remove(frame)) {
            return true;
        }
        Instant at = frame.event().at();
        return cutoff == null || !frame.event().type().equals("log") || at == null || at.isAfter(cutoff);
    }
}
