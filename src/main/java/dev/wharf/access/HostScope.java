package dev.wharf.access;

import java.util.UUID;

/**
 * What an action concerns, for access checks: a host and its group, a group only (registering a new
 * host into it), or nothing host-related (tokens, users). Callers pass it in, so access never needs to
 * look hosts up itself.
 */
public record HostScope(UUID hostId, String group) {

    public static HostScope none() {
        return new HostScope(null, null);
    }

    public static HostScope of(UUID hostId, String group) {
        return new HostScope(hostId, group);
    }

    /** A host that does not exist yet, to be placed in {@code group} (null: no group). */
    public static HostScope newHostIn(String group) {
        return new HostScope(null, group);
    }

    @Override
    public String toString() {
        return hostId != null ? "host " + hostId : group != null ? "group " + group : "global";
    }
}
