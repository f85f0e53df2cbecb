package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import java.util.UUID;
import org.springframework.security.core.Authentication;

/** Audit entries for what a caller did: who they are and which token they used. */
public final class CallerAudit {

    private CallerAudit() {}

    public static AuditEntry entry(Authentication caller, String action, UUID hostId, String resource,
            AuditEntry.Outcome outcome, String detail) {
        String actor = caller == null ? "anonymous" : caller.getName();
        UUID token = caller != null && caller.getPrincipal() instanceof SignedInUser user ? user.tokenId() : null;
        return new AuditEntry(actor, token, action, hostId, resource, outcome, detail);
    }
}
