package dev.wharf.audit;

import java.io.IOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the trail: one page of it, or every entry for an export, newest first. Both apply the filter and the
 * reader's {@link AuditReach} in the SQL itself, so a page's total counts only what the reader may see.
 * Plain SQL that H2 and PostgreSQL both run.
 */
@Component
public class AuditSearch {

    /** How many rows an export reads per query: a long export never holds more than this in memory. */
    private static final int CHUNK = 1000;

    private static final String COLUMNS =
            "SELECT id, at, actor, token_id, action, host_id, resource, outcome, detail, client_address FROM audit_event";

    static final RowMapper<AuditTrail.RecordedEntry> ENTRY = (rs, row) -> new AuditTrail.RecordedEntry(rs.getLong("id"),
            rs.getTimestamp("at").toInstant(),
            new AuditEntry(rs.getString("actor"), rs.getObject("token_id", UUID.class), rs.getString("action"),
                    rs.getObject("host_id", UUID.class), rs.getString("resource"),
                    AuditEntry.Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)), rs.getString("detail")),
            rs.getString("client_address"));

    private final JdbcClient jdbc;
    private final int chunk;

    @Autowired
    AuditSearch(JdbcClient jdbc) {
        this(jdbc, CHUNK);
    }

    /** With chunks of another size, so a test sees an export cross from one chunk to the next. */
    AuditSearch(JdbcClient jdbc, int chunk) {
        this.jdbc = jdbc;
        this.chunk = chunk;
    }

    /** One page of what matches, and how many match in all. */
    public record Page(List<AuditTrail.RecordedEntry> items, long total) {}

    /** Receives an export: first whether it was cut at the cap, then each entry, newest first. */
    public interface Sink {

        void begin(boolean truncated) throws IOException;

        void entry(AuditTrail.RecordedEntry entry) throws IOException;
    }

    public Page page(AuditFilter filter, AuditReach reach, int page, int size) {
        Where where = Where.of(filter, reach);
        List<AuditTrail.RecordedEntry> items = jdbc.sql(COLUMNS + where.sql()
                        + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :size ROWS ONLY")
                .params(where.params()).param("offset", (long) page * size).param("size", size)
                .query(ENTRY).list();
        return new Page(items, count(where));
    }

    /**
     * Every entry that matches, up to {@code cap}, read in chunks by id so memory stays flat however long the
     * trail. Entries recorded while the export runs are left out: it shows the trail as it was when it began.
     */
    public void export(AuditFilter filter, AuditReach reach, int cap, Sink sink) throws IOException {
        Long newest = jdbc.sql("SELECT MAX(id) FROM audit_event").query(Long.class).optional().orElse(null);
        Where where = Where.of(filter, reach).and("id <= :newest", "newest", newest == null ? 0L : newest);
        sink.begin(count(where) > cap);
        long written = 0;
        Long below = null;
        while (written < cap) {
            Where next = below == null ? where : where.and("id < :below", "below", below);
            int wanted = (int) Math.min(chunk, cap - written);
            List<AuditTrail.RecordedEntry> rows = jdbc.sql(COLUMNS + next.sql() + " ORDER BY id DESC FETCH FIRST :wanted ROWS ONLY")
                    .params(next.params()).param("wanted", wanted).query(ENTRY).list();
            for (AuditTrail.RecordedEntry row : rows) {
                sink.entry(row);
            }
            written += rows.size();
            if (rows.size() < wanted) {
                break;
            }
            below = rows.get(rows.size() - 1).id();
        }
    }

    private long count(Where where) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event" + where.sql()).params(where.params()).query(Long.class).single();
    }

    /** A WHERE clause and its named parameters. */
    private record Where(List<String> clauses, Map<String, Object> params) {

        static Where of(AuditFilter filter, AuditReach reach) {
            Where where = new Where(new ArrayList<>(), new LinkedHashMap<>());
            if (filter.actor() != null) {
                where.add("actor = :actor", "actor", filter.actor());
            }
            if (filter.hostId() != null) {
                where.add("host_id = :hostId", "hostId", filter.hostId());
            }
            if (filter.actionIsPrefix()) {
                where.add("action LIKE :action ESCAPE '\\'", "action", likeEscaped(filter.action().substring(0, filter.action().length() - 1)) + "%");
            } else if (filter.action() != null) {
                where.add("action = :action", "action", filter.action());
            }
            if (filter.outcome() != null) {
                where.add("outcome = :outcome", "outcome", filter.outcome().name().toLowerCase(Locale.ROOT));
            }
            if (filter.from() != null) {
                where.add("at >= :from", "from", Timestamp.from(filter.from()));
            }
            if (filter.to() != null) {
                where.add("at < :to", "to", Timestamp.from(filter.to()));
            }
            if (!reach.everything()) {
                List<String> seen = new ArrayList<>();
                if (!reach.hosts().isEmpty()) {
                    seen.add("host_id IN (:reachHosts)");
                    where.params.put("reachHosts", List.copyOf(reach.hosts()));
                }
                if (!reach.actors().isEmpty()) {
                    seen.add("actor IN (:reachActors)");
                    where.params.put("reachActors", List.copyOf(reach.actors()));
                }
                where.clauses.add(seen.isEmpty() ? "1 = 0" : "(" + String.join(" OR ", seen) + ")");
            }
            return where;
        }

        Where and(String clause, String name, Object value) {
            Where more = new Where(new ArrayList<>(clauses), new LinkedHashMap<>(params));
            more.add(clause, name, value);
            return more;
        }

        String sql() {
            return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
        }

        private void add(String clause, String name, Object value) {
            clauses.add(clause);
            params.put(name, value);
        }

        private static String likeEscaped(String literal) {
            return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }
    }
}
