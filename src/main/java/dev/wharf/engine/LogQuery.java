package dev.wharf.engine;

import java.time.Instant;

/**
 * Which log lines to read.
 *
 * @param tail at most this many of the newest lines, null for all
 * @param since only lines written at or after this time, null for all
 */
public record LogQuery(Integer tail, Instant since, boolean timestamps) {

    public LogQuery {
        if (tail != null && tail < 0) {
            throw new IllegalArgumentException("tail must not be negative");
        }
    }
}
