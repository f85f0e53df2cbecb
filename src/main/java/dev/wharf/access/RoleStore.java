package dev.wharf.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Every role: the built-in ones from code, the custom ones from the database. */
@Component
class RoleStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    RoleStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    List<Role> all() {
        List<Role> all = new ArrayList<>(Role.BUILT_IN);
        all.addAll(jdbc.sql("SELECT name, description, permissions FROM access_role ORDER BY name").query(RoleStore::role).list());
        return all;
    }

    Optional<Role> find(String name) {
        return Role.builtIn(name).or(() -> jdbc.sql("SELECT name, description, permissions FROM access_role WHERE name = ?")
                .param(name).query(RoleStore::role).optional());
    }

    void insert(Role role) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO access_role (name, description, permissions, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(role.name(), role.description(), keys(role.permissions()), now, now).update();
    }

    void update(Role role) {
        jdbc.sql("UPDATE access_role SET description = ?, permissions = ?, updated_at = ? WHERE name = ?")
                .params(role.description(), keys(role.permissions()), Timestamp.from(clock.instant()), role.name()).update();
    }

    void delete(String name) {
        jdbc.sql("DELETE FROM access_role WHERE name = ?").param(name).update();
    }

    private static String keys(Set<Permission> permissions) {
        return permissions.stream().map(Permission::key).sorted().collect(Collectors.joining(","));
    }

    private static Role role(ResultSet row, int number) throws SQLException {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        // a key no longer known (a permission removed in a later version) grants nothing rather than failing
        Arrays.stream(row.getString("permissions").split(",")).map(String::strip).filter(key -> !key.isEmpty())
                .forEach(key -> Permission.fromKey(key).ifPresent(permissions::add));
        return new Role(row.getString("name"), row.getString("description"), permissions, false);
    }
}
