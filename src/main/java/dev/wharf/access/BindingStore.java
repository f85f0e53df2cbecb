package dev.wharf.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The stored bindings. */
@Component
class BindingStore {

    private static final String COLUMNS = "SELECT id, subject_type, subject_id, role_name, scope_type, scope_id, created_at, created_by"
            + " FROM access_binding";

    private final JdbcClient jdbc;

    BindingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Binding> all() {
        return jdbc.sql(COLUMNS + " ORDER BY created_at, id").query(BindingStore::binding).list();
    }

    Optional<Binding> find(UUID id) {
        return jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query(BindingStore::binding).optional();
    }

    /** The user's own bindings and those of its teams. */
    List<Binding> of(UUID userId, Collection<UUID> teamIds) {
        List<Binding> found = new ArrayList<>(of(Binding.Subject.user(userId)));
        teamIds.forEach(team -> found.addAll(of(Binding.Subject.team(team))));
        return found;
    }

    List<Binding> of(Binding.Subject subject) {
        return jdbc.sql(COLUMNS + " WHERE subject_type = ? AND subject_id = ? ORDER BY created_at, id")
                .params(subject.type().apiName(), subject.id()).query(BindingStore::binding).list();
    }

    boolean roleInUse(String role) {
        return jdbc.sql("SELECT COUNT(*) FROM access_binding WHERE role_name = ?").param(role).query(Long.class).single() > 0;
    }

    boolean exists(Binding.Subject subject, String role, Scope scope) {
        return jdbc.sql("SELECT COUNT(*) FROM access_binding WHERE subject_type = ? AND subject_id = ? AND role_name = ?"
                        + " AND scope_type = ? AND scope_id = ?")
                .params(subject.type().apiName(), subject.id(), role, scope.type().apiName(), scopeId(scope))
                .query(Long.class).single() > 0;
    }

    void insert(Binding binding) {
        jdbc.sql("INSERT INTO access_binding (id, subject_type, subject_id, role_name, scope_type, scope_id, created_at, created_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(binding.id(), binding.subject().type().apiName(), binding.subject().id(), binding.role(),
                        binding.scope().type().apiName(), scopeId(binding.scope()), Timestamp.from(binding.createdAt()),
                        binding.createdBy())
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM access_binding WHERE id = ?").param(id).update();
    }

    void deleteAllOf(Binding.Subject subject) {
        jdbc.sql("DELETE FROM access_binding WHERE subject_type = ? AND subject_id = ?")
                .params(subject.type().apiName(), subject.id()).update();
    }

    /** A removed host's bindings go with it: a new host never inherits grants meant for an old one. */
    void deleteHostScoped(UUID hostId) {
        jdbc.sql("DELETE FROM access_binding WHERE scope_type = 'host' AND scope_id = ?").param(hostId.toString()).update();
    }

    private static String scopeId(Scope scope) {
        return scope.id() == null ? "" : scope.id();
    }

    private static Binding binding(ResultSet row, int number) throws SQLException {
        Binding.Subject subject = new Binding.Subject(
                Binding.Subject.Type.valueOf(row.getString("subject_type").toUpperCase(Locale.ROOT)),
                row.getObject("subject_id", UUID.class));
        Scope.Type scopeType = Scope.Type.valueOf(row.getString("scope_type").toUpperCase(Locale.ROOT));
        Scope scope = scopeType == Scope.Type.GLOBAL ? Scope.GLOBAL : new Scope(scopeType, row.getString("scope_id"));
        return new Binding(row.getObject("id", UUID.class), subject, row.getString("role_name"), scope,
                row.getTimestamp("created_at").toInstant(), row.getString("created_by"));
    }
}
