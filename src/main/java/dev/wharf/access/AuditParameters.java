package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditFilter;
import dev.wharf.web.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The audit trail's query parameters as sent ({@code ?user=&host=&action=&outcome=&from=&to=&page=&size=}),
 * shared by the API, the exports and the page. Each is checked here, so a bad one is a 400 naming it before
 * anything else happens; a blank one does not narrow.
 */
record AuditParameters(String user, String host, String action, String outcome, String from, String to, String page,
        String size) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    AuditFilter filter() {
        Instant since = instant("from", from);
        Instant until = instant("to", to);
        if (since != null && until != null && since.isAfter(until)) {
            throw new InvalidInputException("from", "must not be after 'to'");
        }
        return new AuditFilter(text(user), hostId(), text(action), outcomeWanted(), since, until);
    }

    int pageNumber() {
        return number("page", page, 0, 0, Integer.MAX_VALUE / MAX_SIZE);
    }

    int pageSize() {
        return number("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
    }

    /** A link to {@code path} with the same filters (blank ones left out) and {@code more}, encoded strictly. */
    String link(String path, Map<String, String> more) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "user", user);
        put(values, "host", host);
        put(values, "action", action);
        put(values, "outcome", outcome);
        put(values, "from", from);
        put(values, "to", to);
        values.putAll(more);
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        values.keySet().forEach(name -> uri.queryParam(name, "{" + name + "}"));
        return uri.encode().buildAndExpand(values).toUriString();
    }

    private UUID hostId() {
        String value = text(host);
        if (value == null) {
            return null;
        }
        if (!UUID_TEXT.matcher(value).matches()) {
            throw new InvalidInputException("host", "must be a host id (a UUID)");
        }
        return UUID.fromString(value);
    }

    private AuditEntry.Outcome outcomeWanted() {
        String value = text(outcome);
        if (value == null) {
            return null;
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "success":
                return AuditEntry.Outcome.SUCCESS;
            case "failure":
                return AuditEntry.Outcome.FAILURE;
            case "denied":
                return AuditEntry.Outcome.DENIED;
            default:
                throw new InvalidInputException("outcome", "must be success, failure or denied");
        }
    }

    /** An instant ({@code 2026-11-28T10:00:00Z}, any offset), a time without zone taken as UTC, or a date meaning its UTC midnight. */
    private static Instant instant(String field, String raw) {
        String value = text(raw);
        if (value == null) {
            return null;
        }
        // an unencoded '+' in a query string arrives as a space, and no ISO-8601 time holds one
        value = value.replace(' ', '+');
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            // try the next form
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            throw new InvalidInputException(field, "must be an ISO-8601 time such as 2026-11-28T10:00:00Z or a date such as 2026-11-28");
        }
    }

    private static int number(String field, String raw, int absent, int min, int max) {
        String value = text(raw);
        if (value == null) {
            return absent;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (text(value) != null) {
            values.put(name, value.strip());
        }
    }
}
