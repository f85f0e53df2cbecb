package dev.wharf.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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

    private static final String RECORDED = AuditTrail.class.getName() + ".recorded";

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records an entry in its own transaction, so a refused or failed change is recorded even when
     * the caller's transaction rolls back. The client address is the current request's, if any.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditEntry entry) {
        record(entry, requestClientAddress());
    }

    /**
     * Records an entry with a client address captured earlier: for work a request started that ends on another
     * thread (an image pull), which has no request to ask.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(AuditEntry entry, String clientAddress) {
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
                .param("clientAddress", clip(clientAddress, 64))
                .update();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(RECORDED, Boolean.TRUE);
        }
    }

    /** True once anything was recorded while handling this request: its outcome is in the trail. */
    public static boolean recordedDuring(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(RECORDED));
    }

    /** The client address of the request this thread is handling; null off a request thread. */
    public static String requestClientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getRemoteAddr();
        }
        return null;
    }

    /** The newest entries first, unfiltered: {@link AuditSearch} filters and pages. */
    public List<RecordedEntry> latest(int limit) {
        return jdbc.sql("""
                SELECT id, at, actor, token_id, action, host_id, resource, outcome, detail, client_address
                FROM audit_event ORDER BY id DESC FETCH FIRST :limit ROWS ONLY
                """)
                .param("limit", limit)
                .query(AuditSearch.ENTRY)
                .list();
    }

    /** An entry as stored, with the time and client address the trail added. */
    public record RecordedEntry(long id, Instant at, AuditEntry entry, String clientAddress) {}

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
