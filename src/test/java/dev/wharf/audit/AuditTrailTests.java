package dev.wharf.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.testing.TestDatabase;
import dev.wharf.testing.UsesTestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit table accepts new entries and nothing else, on H2 and on PostgreSQL. */
@UsesTestDatabase
@SpringBootTest(properties = "wharf.admin-password=audit-tests-password")
class AuditTrailTests {

    @Autowired
    AuditTrail audit;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordsWhoDidWhatWhereAndHowItEnded() {
        UUID host = UUID.randomUUID();
        audit.record(new AuditEntry("alice", null, "container.stop", host, "web-1", AuditEntry.Outcome.DENIED,
                "missing container.lifecycle"));

        AuditTrail.RecordedEntry latest = audit.latest(1).get(0);

        assertThat(latest.entry()).isEqualTo(new AuditEntry("alice", null, "container.stop", host, "web-1",
                AuditEntry.Outcome.DENIED, "missing container.lifecycle"));
        assertThat(latest.at()).isNotNull();
    }

    @Test
    void theDatabaseRefusesToUpdateAnEntry() {
        audit.record(new AuditEntry("bob", null, "token.create", null, null, AuditEntry.Outcome.SUCCESS, null));

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE actor = 'bob'").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = 'bob'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesToDeleteAnEntry() {
        audit.record(new AuditEntry("carol", null, "token.revoke", null, null, AuditEntry.Outcome.SUCCESS, null));

        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE actor = 'carol'").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = 'carol'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesToEmptyTheTable() {
        audit.record(new AuditEntry("dave", null, "token.create", null, null, AuditEntry.Outcome.SUCCESS, null));

        assertThatThrownBy(() -> jdbc.sql("TRUNCATE TABLE audit_event").update())
                .isInstanceOf(DataAccessException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE actor = 'dave'").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void runsOnTheDatabaseThisBuildExecutionAskedFor() {
        String product = jdbc.sql("SELECT 1").query((rs, row) -> rs.getStatement().getConnection().getMetaData()
                .getDatabaseProductName()).single();
        assertThat(product).isEqualTo(TestDatabase.postgres() ? "PostgreSQL" : "H2");
    }
}
