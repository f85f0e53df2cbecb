package dev.wharf.access;

import java.util.Locale;
import java.util.UUID;

/**
 * Where a binding applies: everywhere, on the hosts of one group, or on one host. A binding grants its
 * role's permissions on every {@link HostScope} its scope covers.
 *
 * @param id the group's name or the host's id; null for global
 */
public record Scope(Type type, String id) implements java.io.Serializable {

    public enum Type {
        GLOBAL, GROUP, HOST;

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Scope GLOBAL = new Scope(Type.GLOBAL, null);

    public static Scope group(String name) {
        return new Scope(Type.GROUP, name);
    }

    public static Scope host(UUID hostId) {
        return new Scope(Type.HOST, hostId.toString());
    }

    /** True when a grant at this scope applies to {@code what}. */
    boolean covers(HostScope what) {
        switch (type) {
            case GLOBAL:
                return true;
            case GROUP:
                return id.equals(what.group());
            default:
                return what.hostId() != null && id.equals(what.hostId().toString());
        }
    }

    @Override
    public String toString() {
        return type == Type.GLOBAL ? "global" : type.apiName() + " " + id;
    }
}
