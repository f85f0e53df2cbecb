package dev.wharf.access;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * No escalation: whoever grants (a binding, a role's permissions, a team membership) must hold every
 * permission involved at that scope or wider, so nobody can hand out more than they have.
 */
@Component
class Escalation {

    private final AccessPolicy access;
    private final HostDirectory hosts;

    Escalation(AccessPolicy access, HostDirectory hosts) {
        this.access = access;
        this.hosts = hosts;
    }

    /** Refuses (403, audited) unless the caller holds each of {@code permissions} wherever {@code scope} reaches. */
    void requireHolds(Authentication caller, Collection<Permission> permissions, Scope scope, String action, String resource) {
        HostScope where = hostScope(scope);
        List<String> missing = permissions.stream().filter(p -> !access.may(caller, p, where)).map(Permission::key).sorted().toList();
        if (!missing.isEmpty()) {
            access.deny(caller, action, where.hostId(), resource, "it would grant " + String.join(", ", missing) + " on " + scope
                    + ", which you do not hold there");
        }
    }

    /** What a binding's scope covers, as the check of a single permission sees it. */
    HostScope hostScope(Scope scope) {
        switch (scope.type()) {
            case GLOBAL:
                return HostScope.none();
            case GROUP:
                return HostScope.newHostIn(scope.id());
            default:
                UUID hostId = UUID.fromString(scope.id());
                return hosts.scopeOf(hostId).orElse(HostScope.of(hostId, null));
        }
    }
}
