package dev.wharf.live;

import java.util.ArrayList;
import java.util.List;

/**
 * The newest events, for clients that come back with {@code Last-Event-ID}. Ids are contiguous, so an
 * event's slot is its id modulo the capacity. Not thread-safe: {@link LiveEvents} holds its lock.
 */
final class ReplayBuffer {

    private final EventFrame[] slots;
    private long newest;
    private int size;

    /** @param before the id just before the first event this buffer will hold */
    ReplayBuffer(int capacity, long before) {
        this.slots = new EventFrame[capacity];
        this.newest = before;
    }

    /** {@code frame} must carry the id after {@link #newest()}. */
    void add(EventFrame frame) {
        if (frame.id() != newest + 1) {
            throw new IllegalArgumentException("event " + frame.id() + " does not follow " + newest);
        }
        slots[(int) (frame.id() % slots.length)] = frame;
        newest = frame.id();
        size = Math.min(size + 1, slots.length);
    }

    /** The id of the newest event, 0 before the first. */
    long newest() {
        return newest;
    }

    /** The newest {@code count} events (fewer when fewer are kept), oldest first. */
    List<EventFrame> latest(int count) {
        return after(newest - Math.min(Math.max(count, 0), size));
    }

    /**
     * Every event after {@code lastId}, oldest first; null when that is not known: the buffer no longer
     * reaches back to {@code lastId + 1}, or {@code lastId} was never handed out by this console.
     */
    List<EventFrame> after(long lastId) {
        long oldest = newest - size + 1;
        if (lastId < 0 || lastId > newest || lastId + 1 < oldest) {
            return null;
        }
        List<EventFrame> missed = new ArrayList<>((int) (newest - lastId));
        for (long id = lastId + 1; id <= newest; id++) {
            missed.add(slots[(int) (id % slots.length)]);
        }
        return missed;
    }
}
