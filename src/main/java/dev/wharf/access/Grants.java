package dev.wharf.access;

import java.util.List;
import java.util.Set;

/**
 * What one user may do now: whether the account is enabled, and every binding that applies to it (its own
 * and its teams') with the permissions of its role. Permissions only add up.
 */
record Grants(boolean enabled, List<Held> held) {

    static final Grants NONE = new Grants(false, List.of());

    /** One binding and what its role grants. */
    record Held(Binding binding, Set<Permission> permissions) {}

    Grants {
        held = List.copyOf(held);
    }

    boolean allows(Permission permission, HostScope scope) {
        return enabled && held.stream().anyMatch(h -> h.permissions().contains(permission) && h.binding().scope().covers(scope));
    }

    /** True when some scope grants {@code permission} (a fleet list then has something to show). */
    boolean allowsSomewhere(Permission permission) {
        return enabled && held.stream().anyMatch(h -> h.permissions().contains(permission));
    }
}
