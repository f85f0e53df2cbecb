package dev.wharf.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * What to look for in the trail. A null field does not narrow.
 *
 * @param actor the username, exactly
 * @param action exactly, or a prefix when it ends in {@code *} ({@code container.*})
 * @param from inclusive
 * @param to exclusive
 */
public record AuditFilter(String actor, UUID hostId, String action, AuditEntry.Outcome outcome, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    public AuditFilter {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    boolean actionIsPrefix() {
        return action != null && action.endsWith("*");
    }
}
