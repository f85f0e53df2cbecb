package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Csv;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CSV cells as a spreadsheet reads them: quoted where RFC 4180 needs it, never a formula. */
class AuditExportsTests {

    @Test
    void aCellThatASpreadsheetWouldRunGetsALeadingQuote() {
        for (String risky : List.of("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertThat(Csv.parse(AuditExports.csvCell(risky)).get(0).get(0)).as(risky).isEqualTo("'" + risky);
        }
        assertThat(AuditExports.csvCell("container.stop")).isEqualTo("container.stop");
        assertThat(AuditExports.csvCell("a=b")).isEqualTo("a=b");
        assertThat(AuditExports.csvCell("")).isEmpty();
        assertThat(AuditExports.csvCell(null)).isEmpty();
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(AuditExports.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExports.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(AuditExports.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
    }

    @Test
    void aRowHoldsEveryColumnInOrderAndEndsInCrLf() {
        UUID token = UUID.randomUUID();
        String row = AuditExports.csvRow(new AuditView(7, Instant.parse("2026-11-28T10:00:00Z"), "alice", token, "container.stop", null,
                "web,1", "denied", "=cmd", "::1"));

        assertThat(row).endsWith("\r\n");
        assertThat(Csv.parse(row).get(0)).containsExactly("7", "2026-11-28T10:00:00Z", "alice", token.toString(), "container.stop", "",
                "web,1", "denied", "'=cmd", "::1");
    }
}
