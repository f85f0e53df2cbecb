package dev.wharf.access;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A named set of permissions. The four built-in roles are defined here and cannot change; custom roles are
 * stored ({@link RoleStore}).
 */
public record Role(String name, String description, Set<Permission> permissions, boolean builtIn) {

    public Role {
        permissions = permissions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
    }

    private static final Set<Permission> READS = Arrays.stream(Permission.values())
            .filter(p -> p.key().endsWith(".read")).collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));

    public static final Role ADMIN = new Role("admin", "Everything", EnumSet.allOf(Permission.class), true);
    public static final Role HOST_ADMIN = new Role("host-admin", "Everything but managing users and roles",
            except(Permission.USER_MANAGE, Permission.ROLE_MANAGE), true);
    public static final Role OPERATOR = new Role("operator", "Reads everything, reads logs, starts and stops containers",
            with(READS, Permission.CONTAINER_LOGS, Permission.CONTAINER_LIFECYCLE), true);
    public static final Role VIEWER = new Role("viewer", "Reads everything", READS, true);

    public static final List<Role> BUILT_IN = List.of(ADMIN, HOST_ADMIN, OPERATOR, VIEWER);
    private static final Map<String, Role> BY_NAME = BUILT_IN.stream().collect(Collectors.toMap(Role::name, Function.identity()));

    public static Optional<Role> builtIn(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static Set<Permission> except(Permission... left) {
        Set<Permission> all = EnumSet.allOf(Permission.class);
        all.removeAll(List.of(left));
        return all;
    }

    private static Set<Permission> with(Set<Permission> base, Permission... more) {
        Set<Permission> all = EnumSet.copyOf(base);
        all.addAll(List.of(more));
        return all;
    }
}
