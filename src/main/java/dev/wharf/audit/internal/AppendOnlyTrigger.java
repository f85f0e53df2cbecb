package dev.wharf.audit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's guard for the audit table (PostgreSQL uses a PL/pgSQL trigger): refuses every UPDATE and
 * DELETE. Named by the H2 migration; public because H2 instantiates it reflectively.
 */
public class AppendOnlyTrigger implements Trigger {

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("audit_event is append-only: " + operation + " refused", "42000");
    }
}
