package dev.wharf.access;

import dev.wharf.web.ConflictException;
import dev.wharf.web.ForbiddenInputException;
import dev.wharf.web.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;

/**
 * Why a form on an access page was refused, as the page shows it again: which form, the status to answer
 * with (400 bad input, 409 conflict, 403 a grant the caller may not make) and a message per field, under
 * {@link #FORM} for what concerns the whole form. Nothing was changed.
 */
record Refusal(String form, HttpStatus status, Map<String, String> errors) {

    static final String FORM = "form";
    static final Refusal NONE = new Refusal("", HttpStatus.OK, Map.of());

    Refusal {
        errors = Map.copyOf(errors);
    }

    /** A refusal the API handlers throw: bad input, a conflict, or a denial (escalation, a team admin's limits). */
    static Refusal of(String form, RuntimeException e) {
        if (e instanceof InvalidForm invalid) {
            return new Refusal(form, HttpStatus.BAD_REQUEST, invalid.errors());
        }
        if (e instanceof InvalidInputException invalid) {
            HttpStatus status = invalid instanceof ConflictException ? HttpStatus.CONFLICT
                    : invalid instanceof ForbiddenInputException ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST;
            return new Refusal(form, status, Map.of(invalid.field(), invalid.reason()));
        }
        if (e instanceof AccessDeniedException) {
            return new Refusal(form, HttpStatus.FORBIDDEN, Map.of(FORM, e.getMessage()));
        }
        throw e;
    }

    /**
     * The same refusal on a form with these fields: an API field the form names otherwise is renamed
     * ({@code renames}: api field, form field, ...), any other one is shown for the whole form.
     */
    Refusal shownOn(List<String> fields, String... renames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i + 1 < renames.length; i += 2) {
            names.put(renames[i], renames[i + 1]);
        }
        Map<String, String> shown = new LinkedHashMap<>();
        errors.forEach((field, message) -> {
            String name = names.getOrDefault(field, field);
            shown.merge(fields.contains(name) ? name : FORM, message, (a, b) -> a + "; " + b);
        });
        return new Refusal(form, status, shown);
    }

    /** This refusal's messages when it concerns {@code which} form; none otherwise. */
    public Map<String, String> errorsFor(String which) {
        return form.equals(which) ? errors : Map.of();
    }

    /** The request a form makes, refused by its constraints: each field at fault and why. */
    static final class InvalidForm extends InvalidInputException {

        private final Map<String, String> errors;

        InvalidForm(Map<String, String> errors) {
            super(errors.keySet().iterator().next(), String.join("; ", errors.values()));
            this.errors = Map.copyOf(errors);
        }

        Map<String, String> errors() {
            return errors;
        }
    }

    static List<String> fields(String... names) {
        return Arrays.asList(names);
    }
}
