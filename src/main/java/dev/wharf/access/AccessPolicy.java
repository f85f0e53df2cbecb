package dev.wharf.access;

import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The one place that answers "may this caller do P on host H". Every controller asks it before it
 * acts. For now every signed-in user may do everything; the access-control issue replaces the inside
 * with roles and scoped bindings, and no caller changes.
 */
@Component
public class AccessPolicy {

    /**
     * @param hostId the host the action concerns, null for actions that concern no host (tokens, users)
     */
    public boolean may(Authentication caller, Permission permission, UUID hostId) {
        return caller != null && caller.isAuthenticated() && caller.getPrincipal() instanceof SignedInUser user
                && user.enabled();
    }

    /** Throws {@link AccessDeniedException} (a 403) unless {@link #may} says yes. */
    public void require(Authentication caller, Permission permission, UUID hostId) {
        if (!may(caller, permission, hostId)) {
            throw new AccessDeniedException("Missing permission " + permission.key()
                    + (hostId != null ? " on host " + hostId : ""));
        }
    }
}
