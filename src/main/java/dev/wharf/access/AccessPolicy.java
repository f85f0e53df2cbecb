package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one place that answers "may this caller do P on host H". Every controller asks it before it
 * acts, and every refusal is recorded in the audit trail here, so no caller can forget to. For now
 * every signed-in, enabled user may do everything; the access-control issue replaces the inside with
 * roles and scoped bindings, and no caller changes.
 */
@Component
public class AccessPolicy {

    private final AuditTrail audit;

    public AccessPolicy(AuditTrail audit) {
        this.audit = audit;
    }

    public boolean may(Authentication caller, Permission permission, HostScope scope) {
        return caller != null && caller.isAuthenticated() && caller.getPrincipal() instanceof SignedInUser user
                && user.enabled();
    }

    /** Throws {@link AccessDeniedException} (a 403) unless {@link #may} says yes. */
    public void require(Authentication caller, Permission permission, HostScope scope) {
        if (!may(caller, permission, scope)) {
            audit.record(CallerAudit.entry(caller, permission.key(), scope.hostId(), scope.group(), AuditEntry.Outcome.DENIED,
                    "missing " + permission.key()));
            throw new AccessDeniedException("Missing permission " + permission.key() + " on " + scope);
        }
    }
}
