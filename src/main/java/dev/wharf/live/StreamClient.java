package dev.wharf.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One open stream: a bounded queue that {@link LiveEvents} fills without ever waiting, and one thread
 * that empties it into the response. Only this thread writes, so a client that reads slowly holds up
 * nobody but itself; when it falls a whole queue behind, {@link LiveEvents} drops it.
 */
final class StreamClient implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(StreamClient.class);
    private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
    /** Events written (and flushed) at once when the queue has several waiting. */
    private static final int BATCH = 256;
    /** Wakes the sender when the stream closes; never sent. */
    private static final EventFrame CLOSE = new EventFrame(null, null);

    private final String name;
    private final String viewer;
    private final SseEmitter emitter;
    private final BlockingQueue<EventFrame> queue;
    private final String preamble;
    private final Supplier<List<EventFrame>> replay;
    private final Function<EventFrame, String> render;
    private final long heartbeatNanos;
    private final Consumer<StreamClient> ended;
    private volatile boolean closed;

    /**
     * @param name the sender thread's name, and the stream's in the log
     * @param viewer who watches, for the log
     * @param preamble what the stream starts with ({@code retry:}, perhaps {@code resync})
     * @param replay what the client gets before anything from the queue (what it missed, a log's history),
     *     asked for on the sender thread, so it may call an engine
     * @param render what this viewer gets of a frame (JSON for the API, HTML for pages), null for nothing:
     *     called on the sender thread only, so it may be slow and may keep state
     * @param ended told once when the stream ends, for whatever reason
     */
    StreamClient(String name, String viewer, SseEmitter emitter, int queueSize, String preamble,
            Supplier<List<EventFrame>> replay, Function<EventFrame, String> render, long heartbeatNanos,
            Consumer<StreamClient> ended) {
        this.name = name;
        this.viewer = viewer;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.preamble = preamble;
        this.replay = replay;
        this.render = render;
        this.heartbeatNanos = heartbeatNanos;
        this.ended = ended;
    }

    String name() {
        return name;
    }

    /** Who watches, for the log. */
    String viewer() {
        return viewer;
    }

    /** Never waits; false when the queue is full. */
    boolean offer(EventFrame frame) {
        return !closed && queue.offer(frame);
    }

    /**
     * Sends {@code last} after whatever is queued, then ends the stream (the feed it watched ended). A
     * client too far behind to take it is simply closed.
     */
    void finish(EventFrame last) {
        if (!offer(last) || !queue.offer(CLOSE)) {
            close();
        }
    }

    /**
     * Ends the stream from outside (dropped, shut down, the connection ended). Never waits: the sender
     * may be stuck in a write to a client that stopped reading, and only it completes the response.
     * A frame offered between clearing and waking is harmless: the sender stops at the close either way.
     */
    void close() {
        closed = true;
        queue.clear();
        queue.offer(CLOSE);
    }

    @Override
    public void run() {
        try {
            StringBuilder out = new StringBuilder(preamble);
            for (EventFrame frame : replay.get()) {
                append(out, frame);
            }
            send(out);
            long nextHeartbeat = System.nanoTime() + heartbeatNanos;
            List<EventFrame> batch = new ArrayList<>(BATCH);
            while (!closed) {
                EventFrame first = queue.poll(Math.max(0, nextHeartbeat - System.nanoTime()), TimeUnit.NANOSECONDS);
                out.setLength(0);
                batch.clear();
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                boolean last = false;
                for (EventFrame frame : batch) {
                    if (frame == CLOSE || closed) {
                        last = true;
                        break;
                    }
                    append(out, frame);
                }
                if (last) {
                    send(out); // what a finish() queued before its end; nothing after a close()
                    return;
                }
                if (System.nanoTime() - nextHeartbeat >= 0) {
                    out.append(": heartbeat\n\n");
                    nextHeartbeat = System.nanoTime() + heartbeatNanos;
                }
                send(out);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away (or the response is unusable): it reconnects and resumes
            log.debug("Event stream {} ended: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            queue.clear();
            ended.accept(this);
            try {
                emitter.complete();
            } catch (RuntimeException e) {
                log.debug("Completing an event stream failed: {}", e.toString());
            }
        }
    }

    private void append(StringBuilder out, EventFrame frame) {
        String text = render.apply(frame);
        if (text != null) {
            out.append(text);
        }
    }

    private void send(StringBuilder out) throws IOException {
        if (out.length() > 0) {
            emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(out.toString(), TEXT)));
        }
    }
}
