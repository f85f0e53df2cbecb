package dev.wharf.access;

import dev.wharf.audit.AuditTrail;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** One audit entry as the API, the exports and the page show it; {@code at} is UTC. */
record AuditView(long id, Instant at, String actor, UUID tokenId, String action, UUID hostId, String resource, String outcome,
        String detail, String clientAddress) {

    static AuditView of(AuditTrail.RecordedEntry recorded) {
        var entry = recorded.entry();
        return new AuditView(recorded.id(), recorded.at(), entry.actor(), entry.tokenId(), entry.action(), entry.hostId(),
                entry.resource(), entry.outcome().name().toLowerCase(Locale.ROOT), entry.detail(), recorded.clientAddress());
    }
}
