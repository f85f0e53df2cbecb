package dev.wharf.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How much narrower than its owner a token is. A token never grants more than its owner holds at the moment
 * of each request: the limits only take away.
 *
 * @param permissions the permissions the token may use; null for all of the owner's
 * @param scopes where it may use them; null for wherever the owner may
 */
public record TokenLimits(Set<Permission> permissions, List<Scope> scopes) implements java.io.Serializable {

    /** No limit beyond the owner's rights. */
    public static final TokenLimits NONE = new TokenLimits(null, null);

    public TokenLimits {
        permissions = permissions == null ? null : permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        scopes = scopes == null ? null : List.copyOf(scopes);
    }

    boolean narrowed() {
        return permissions != null || scopes != null;
    }

    boolean allows(Permission permission, HostScope where) {
        return permits(permission) && (scopes == null || scopes.stream().anyMatch(scope -> scope.covers(where)));
    }

    /** The permission is within the token's list; where is for {@link #allows} to say. */
    boolean permits(Permission permission) {
        return permissions == null || permissions.contains(permission);
    }

    /** As stored: keys separated by spaces, null for no limit. */
    String storedPermissions() {
        return permissions == null ? null : permissions.stream().map(Permission::key).sorted().collect(Collectors.joining(" "));
    }

    String storedScopes() {
        return scopes == null ? null : scopes.stream().map(TokenLimits::stored).collect(Collectors.joining(" "));
    }

    static TokenLimits stored(String permissions, String scopes) {
        return new TokenLimits(permissions == null ? null : words(permissions).stream()
                        .map(key -> Permission.fromKey(key).orElseThrow(() -> new IllegalStateException("Unknown stored permission " + key)))
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class))),
                scopes == null ? null : words(scopes).stream().map(TokenLimits::scope).toList());
    }

    List<String> permissionKeys() {
        return permissions == null ? null : permissions.stream().map(Permission::key).sorted().toList();
    }

    private static String stored(Scope scope) {
        return scope.type() == Scope.Type.GLOBAL ? "global" : scope.type().apiName() + ":" + scope.id();
    }

    private static Scope scope(String stored) {
        if (stored.equals("global")) {
            return Scope.GLOBAL;
        }
        int colon = stored.indexOf(':');
        String type = stored.substring(0, colon);
        String id = stored.substring(colon + 1);
        return type.equals("group") ? Scope.group(id) : new Scope(Scope.Type.HOST, id);
    }

    private static Collection<String> words(String stored) {
        return stored.isBlank() ? List.of() : Arrays.asList(stored.trim().split(" +"));
    }
}
