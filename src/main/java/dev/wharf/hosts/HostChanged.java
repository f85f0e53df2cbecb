package dev.wharf.hosts;

import java.util.UUID;

/**
 * Published after a host is registered, edited or removed, once the change is committed, so whoever
 * keeps a connection or watcher per host can open, reopen or close it.
 */
public record HostChanged(UUID hostId, Change change) {

    public enum Change { REGISTERED, EDITED, REMOVED }
}
