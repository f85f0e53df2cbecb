package dev.wharf.hosts;

import java.util.UUID;

/**
 * Published after a host is registered, edited or removed, once the change is committed, so whoever
 * keeps a connection or watcher per host can open, reopen or close it.
 *
 * @param host the host as the change left it (a removed host as it was), so listeners need not read a
 *     registry that no longer has it
 */
public record HostChanged(UUID hostId, Change change, RegisteredHost host) {

    public enum Change { REGISTERED, EDITED, REMOVED }
}
