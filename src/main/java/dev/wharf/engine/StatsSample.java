package dev.wharf.engine;

import java.time.Instant;

/**
 * One resource sample of a container. Counters are cumulative since the container started, so a
 * viewer computes rates from two samples; {@code cpuPercent} is the engine's own reading when it
 * gives one.
 */
public record StatsSample(
        Instant at,
        Double cpuPercent,
        long cpuTimeNanos,
        long memoryBytes,
        Long memoryLimitBytes,
        long networkRxBytes,
        long networkTxBytes,
        long blockReadBytes,
        long blockWriteBytes) {}
