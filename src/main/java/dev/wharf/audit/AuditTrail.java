package dev.wharf.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Appends to the audit trail. Entries are only ever inserted; the database refuses UPDATE and DELETE
 * on the table, so not even a bug here can rewrite history.
 */
@Component
public class AuditTrail {

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records an entry in its own transaction, so a refused or failed change is recorded even when
     * the caller's transaction rolls back.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditEntry entry) {
        jdbc.sql("""
                INSERT INTO audit_event (at, actor, token_id, action, host_id, resource, outcome, detail, client_address)
                VALUES (:at, :actor, :tokenId, :action, :hostId, :resource, :outcome, :detail, :clientAddress)
                """)
                .param("at", java.sql.Timestamp.from(clock.instant()))
                .param("actor", clip(entry.actor(), 100))
                .param("tokenId", entry.tokenId())
                .param("action", clip(entry.action(), 100))
                .param("hostId", entry.hostId())
                .param("resource", clip(entry.resource(), 300))
                .param("outcome", entry.outcome().name().toLowerCase(Locale.ROOT))
                .param("detail", clip(entry.detail(), 1000))
                .param("clientAddress", clientAddress())
                .update();
    }

    /** The newest entries first; the access-control issue adds filters and paging. */
    public List<RecordedEntry> latest(int limit) {
        return jdbc.sql("""
                SELECT id, at, actor, token_id, action, host_id, resource, outcome, detail, client_address
                FROM audit_event ORDER BY id DESC FETCH FIRST :limit ROWS ONLY
                """)
                .param("limit", limit)
                .query((rs, row) -> new RecordedEntry(rs.getLong("id"), rs.getTimestamp("at").toInstant(),
                        new AuditEntry(rs.getString("actor"), rs.getObject("token_id", UUID.class),
                                rs.getString("action"), rs.getObject("host_id", UUID.class), rs.getString("resource"),
                                AuditEntry.Outcome.valueOf(rs.getString("outcome").toUpperCase(Locale.ROOT)),
                                rs.getString("detail")),
                        rs.getString("client_address")))
                .list();
    }

    /** An entry as stored, with the time and client address the trail added. */
    public record RecordedEntry(long id, Instant at, AuditEntry entry, String clientAddress) {}

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return clip(request.getRemoteAddr(), 64);
        }
        return null;
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
