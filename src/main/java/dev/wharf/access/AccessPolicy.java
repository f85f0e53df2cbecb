package dev.wharf.access;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one place that answers "may this caller do P on host H". Every controller asks it before it
 * acts. For now every signed-in, enabled user may do everything; the access-control issue replaces the
 * inside with roles and scoped bindings, and no caller changes.
 */
@Component
public class AccessPolicy {

    public boolean may(Authentication caller, Permission permission, HostScope scope) {
        return caller != null && caller.isAuthenticated() && caller.getPrincipal() instanceof SignedInUser user
                && user.enabled();
    }

    /** Throws {@link AccessDeniedException} (a 403) unless {@link #may} says yes. */
    public void require(Authentication caller, Permission permission, HostScope scope) {
        if (!may(caller, permission, scope)) {
            throw new AccessDeniedException("Missing permission " + permission.key() + " on " + scope);
        }
    }
}
