package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one place that answers "may this caller do P on host H". Every route states its permission
 * ({@link Requires}) and is checked before its handler runs; handlers ask again for what only they can
 * know (a new host's group, a binding's scope). Every refusal is recorded in the audit trail here, so no
 * caller can forget to. Deny by default: a caller is allowed only what one of its bindings grants at a
 * scope covering the host, and a disabled or deleted account is allowed nothing, at once.
 */
@Component
public class AccessPolicy {

    private final AuditTrail audit;
    private final AccessGrants grants;
    private final ApiTokenStore tokens;

    AccessPolicy(AuditTrail audit, AccessGrants grants, ApiTokenStore tokens) {
        this.audit = audit;
        this.grants = grants;
        this.tokens = tokens;
    }

    /**
     * True while the caller's account exists and is enabled and, for a token, while that token exists and
     * has not expired: what a long-lived stream asks again whenever access changes.
     */
    public boolean stillSignedIn(Authentication caller) {
        return user(caller).map(user -> grants.of(user.id()).enabled() && (user.tokenId() == null || tokens.isLive(user.tokenId())))
                .orElse(false);
    }

    /** What the caller's bindings grant there, within the limits of the token it came with. */
    public boolean may(Authentication caller, Permission permission, HostScope scope) {
        return user(caller).map(user -> user.limits().allows(permission, scope) && grants.of(user.id()).allows(permission, scope))
                .orElse(false);
    }

    /** True when the caller holds {@code permission} at some scope: a fleet list then has hosts to show. */
    public boolean maySomewhere(Authentication caller, Permission permission) {
        return user(caller).map(user -> user.limits().permits(permission) && grants.of(user.id()).allowsSomewhere(permission))
                .orElse(false);
    }


    /** Throws {@link AccessDeniedException} (a 403) unless {@link #may} says yes. */
    public void require(Authentication caller, Permission permission, HostScope scope) {
        if (!may(caller, permission, scope)) {
            audit.record(CallerAudit.entry(caller, permission.key(), scope.hostId(), scope.group(), AuditEntry.Outcome.DENIED,
                    "missing " + permission.key()));
            throw new AccessDeniedException("Missing permission " + permission.key() + " on " + scope);
        }
    }

    /** Records a refusal the caller's rights decide (escalation, another team's members) and throws the 403. */
    public void deny(Authentication caller, String action, java.util.UUID hostId, String resource, String why) {
        recordDenial(caller, action, hostId, resource, why);
        throw new AccessDeniedException("You may not do this: " + why);
    }

    /** Records a refusal the caller is told of otherwise (a 404 for a host they cannot see). */
    public void recordDenial(Authentication caller, String action, java.util.UUID hostId, String resource, String why) {
        audit.record(CallerAudit.entry(caller, action, hostId, resource, AuditEntry.Outcome.DENIED, why));
    }

    /** The signed-in account, while it exists and is enabled. */
    static Optional<SignedInUser> user(Authentication caller) {
        return caller != null && caller.isAuthenticated() && caller.getPrincipal() instanceof SignedInUser user
                ? Optional.of(user) : Optional.empty();
    }
}
