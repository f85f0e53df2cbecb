package dev.wharf.engine;

import java.time.Instant;

/** One line a container wrote. {@code at} is null when the engine was not asked for timestamps. */
public record LogLine(Stream stream, Instant at, String text) {

    public enum Stream { STDOUT, STDERR }
}
