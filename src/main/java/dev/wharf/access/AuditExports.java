package dev.wharf.access;

import dev.wharf.audit.AuditFilter;
import dev.wharf.audit.AuditReach;
import dev.wharf.audit.AuditSearch;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every audit entry a caller may see and asks for, as CSV or JSON, straight to the response as rows
 * are read. Stored values are data: a CSV cell that a spreadsheet would run as a formula is neutralised.
 */
@Component
class AuditExports {

    /** The most rows one export holds; a longer one is cut there and says so in {@link #TRUNCATED}. */
    static final int CAP = 100_000;
    static final String TRUNCATED = "X-Wharf-Truncated";

    private static final String[] COLUMNS = {"id", "at", "actor", "tokenId", "action", "hostId", "resource", "outcome",
        "detail", "clientAddress"};
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    enum Format {
        CSV("text/csv;charset=UTF-8"), JSON("application/json");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }

        static Format of(String name) {
            if (name != null) {
                for (Format format : values()) {
                    if (format.name().equalsIgnoreCase(name.strip())) {
                        return format;
                    }
                }
            }
            throw new InvalidInputException("format", "must be csv or json");
        }

        String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final AuditSearch search;
    private final JsonMapper json;
    private final Clock clock;

    AuditExports(AuditSearch search, JsonMapper json, Clock clock) {
        this.search = search;
        this.json = json;
        this.clock = clock;
    }

    void write(Format format, AuditFilter filter, AuditReach reach, HttpServletResponse response) throws IOException {
        String filename = "wharf-audit-" + STAMP.format(clock.instant()) + "." + format.extension();
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        boolean[] first = {true};
        search.export(filter, reach, CAP, new AuditSearch.Sink() {
            @Override
            public void begin(boolean truncated) throws IOException {
                response.setContentType(format.contentType);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
                if (truncated) {
                    response.setHeader(TRUNCATED, "true");
                }
                if (format == Format.CSV) {
                    out.write(String.join(",", COLUMNS) + "\r\n");
                } else {
                    out.write("[");
                }
            }

            @Override
            public void entry(AuditTrail.RecordedEntry entry) throws IOException {
                AuditView view = AuditView.of(entry);
                if (format == Format.CSV) {
                    out.write(csvRow(view));
                } else {
                    out.write((first[0] ? "\n" : ",\n") + json.writeValueAsString(view));
                }
                first[0] = false;
            }
        });
        if (format == Format.JSON) {
            out.write(first[0] ? "]" : "\n]");
        }
        out.flush();
    }

    static String csvRow(AuditView view) {
        String[] cells = {Long.toString(view.id()), view.at().toString(), view.actor(), text(view.tokenId()), view.action(),
            text(view.hostId()), view.resource(), view.outcome(), view.detail(), view.clientAddress()};
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            row.append(i == 0 ? "" : ",").append(csvCell(cells[i]));
        }
        return row.append("\r\n").toString();
    }

    /**
     * One RFC 4180 cell. A value a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -},
     * {@code @}, tab, carriage return first) gets a leading {@code '}, so it is shown, never run.
     */
    static String csvCell(String value) {
        if (value == null) {
            return "";
        }
        String shown = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quoted = shown.indexOf(',') >= 0 || shown.indexOf('"') >= 0 || shown.indexOf('\n') >= 0 || shown.indexOf('\r') >= 0;
        return quoted ? "\"" + shown.replace("\"", "\"\"") + "\"" : shown;
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
