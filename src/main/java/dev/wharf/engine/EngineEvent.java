package dev.wharf.engine;

import java.time.Instant;

/**
 * Something that happened on a host, as its engine reported it. {@code engineTimeNanos} is the
 * engine's own clock, used to resume a stream without duplicates.
 */
public sealed interface EngineEvent {

    Instant at();

    long engineTimeNanos();

    record ContainerChanged(String containerId, String name, String action, ContainerState state,
            Instant at, long engineTimeNanos) implements EngineEvent {}

    record ImageChanged(String imageId, String action, Instant at, long engineTimeNanos) implements EngineEvent {}

    record SwitchChanged(String switchId, String name, String action, Instant at, long engineTimeNanos)
            implements EngineEvent {}

    record VolumeChanged(String volumeName, String action, Instant at, long engineTimeNanos) implements EngineEvent {}

    /** Events were lost and cannot be replayed (the daemon restarted, say): relist everything. */
    record Gap(String reason, Instant at, long engineTimeNanos) implements EngineEvent {}
}
