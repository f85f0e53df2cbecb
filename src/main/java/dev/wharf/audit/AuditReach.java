package dev.wharf.audit;

import java.util.Set;
import java.util.UUID;

/**
 * Which entries one reader may see: every entry, or those on these hosts and those these actors made. The
 * audit module only applies it (inside the query, so counts and pages stay true); access control decides it.
 */
public record AuditReach(boolean everything, Set<UUID> hosts, Set<String> actors) {

    public static final AuditReach EVERYTHING = new AuditReach(true, Set.of(), Set.of());
    public static final AuditReach NOTHING = new AuditReach(false, Set.of(), Set.of());

    public AuditReach {
        hosts = Set.copyOf(hosts);
        actors = Set.copyOf(actors);
    }

    public static AuditReach of(Set<UUID> hosts, Set<String> actors) {
        return new AuditReach(false, hosts, actors);
    }

    /** True when no entry can be seen at all, not even one yet to come. */
    public boolean isNothing() {
        return !everything && hosts.isEmpty() && actors.isEmpty();
    }

    /** True when entries on this host are seen (entries without a host only through {@link #everything} or an actor). */
    public boolean covers(UUID hostId) {
        return everything || hosts.contains(hostId);
    }
}
