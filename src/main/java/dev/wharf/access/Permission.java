package dev.wharf.access;

import java.util.Locale;

/** Everything a role can grant. The names are the API's ({@code container.lifecycle}). */
public enum Permission {
    HOST_READ, HOST_MANAGE,
    CONTAINER_READ, CONTAINER_LOGS, CONTAINER_INSPECT_ENV, CONTAINER_LIFECYCLE, CONTAINER_CREATE,
    CONTAINER_DELETE, CONTAINER_EXEC,
    IMAGE_READ, IMAGE_PULL, IMAGE_DELETE,
    SWITCH_READ, SWITCH_MANAGE,
    VOLUME_READ, VOLUME_MANAGE,
    AUDIT_READ,
    TEAM_MANAGE, USER_MANAGE, ROLE_MANAGE;

    /** {@code container.inspect-env} -> {@code CONTAINER_INSPECT_ENV}; empty for a key that names none. */
    public static java.util.Optional<Permission> fromKey(String key) {
        for (Permission permission : values()) {
            if (permission.key().equals(key)) {
                return java.util.Optional.of(permission);
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code CONTAINER_INSPECT_ENV} -> {@code container.inspect-env}. */
    public String key() {
        String lower = name().toLowerCase(Locale.ROOT);
        int split = lower.indexOf('_');
        return lower.substring(0, split) + "." + lower.substring(split + 1).replace('_', '-');
    }
}
