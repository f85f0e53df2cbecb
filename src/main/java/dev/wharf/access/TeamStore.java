package dev.wharf.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Teams and their members. */
@Component
class TeamStore {

    record Team(UUID id, String name, Instant createdAt) {}

    record Member(UUID userId, String username, boolean teamAdmin) {}

    private final JdbcClient jdbc;

    TeamStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final org.springframework.jdbc.core.RowMapper<Team> TEAM = (row, n) ->
            new Team(row.getObject("id", UUID.class), row.getString("name"), row.getTimestamp("created_at").toInstant());

    List<Team> all() {
        return jdbc.sql("SELECT id, name, created_at FROM team ORDER BY name").query(TEAM).list();
    }

    Optional<Team> find(UUID id) {
        return jdbc.sql("SELECT id, name, created_at FROM team WHERE id = ?").param(id).query(TEAM).optional();
    }

    Optional<Team> findByName(String name) {
        return jdbc.sql("SELECT id, name, created_at FROM team WHERE name = ?").param(name).query(TEAM).optional();
    }

    void insert(Team team) {
        jdbc.sql("INSERT INTO team (id, name, created_at) VALUES (?, ?, ?)")
                .params(team.id(), team.name(), Timestamp.from(team.createdAt())).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM team WHERE id = ?").param(id).update();
    }

    List<Member> members(UUID teamId) {
        return jdbc.sql("SELECT m.user_id, u.username, m.team_admin FROM team_member m JOIN user_account u ON u.id = m.user_id"
                        + " WHERE m.team_id = ? ORDER BY u.username")
                .param(teamId)
                .query((row, n) -> new Member(row.getObject("user_id", UUID.class), row.getString("username"), row.getBoolean("team_admin")))
                .list();
    }

    /** Adds the user, or changes whether they are a team admin. */
    void putMember(UUID teamId, UUID userId, boolean teamAdmin) {
        int changed = jdbc.sql("UPDATE team_member SET team_admin = ? WHERE team_id = ? AND user_id = ?")
                .params(teamAdmin, teamId, userId).update();
        if (changed == 0) {
            jdbc.sql("INSERT INTO team_member (team_id, user_id, team_admin) VALUES (?, ?, ?)").params(teamId, userId, teamAdmin).update();
        }
    }

    boolean removeMember(UUID teamId, UUID userId) {
        return jdbc.sql("DELETE FROM team_member WHERE team_id = ? AND user_id = ?").params(teamId, userId).update() > 0;
    }

    List<UUID> teamsOf(UUID userId) {
        return jdbc.sql("SELECT team_id FROM team_member WHERE user_id = ?").param(userId).query(UUID.class).list();
    }

    /**
     * The teams the caller administers. None through a narrowed token: being a team admin is not a permission
     * a token could list, and a narrowed token is exactly as strong as its list.
     */
    List<UUID> administeredBy(org.springframework.security.core.Authentication caller) {
        return AccessPolicy.user(caller).filter(user -> !user.limits().narrowed()).map(user -> teamsAdministeredBy(user.id()))
                .orElse(List.of());
    }

    List<UUID> teamsAdministeredBy(UUID userId) {
        return jdbc.sql("SELECT team_id FROM team_member WHERE user_id = ? AND team_admin = TRUE").param(userId).query(UUID.class).list();
    }
}
