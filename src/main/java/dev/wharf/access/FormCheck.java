package dev.wharf.access;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks what an access page's form asks for against the API's own request records. The pages call the
 * API handlers directly, which skips the {@code @Valid} of a request body, so the same constraints are
 * checked here first.
 */
@Component
class FormCheck {

    private final Validator validator;

    FormCheck(Validator validator) {
        this.validator = validator;
    }

    /** The request, when its constraints hold; else {@link Refusal.InvalidForm} naming each field at fault. */
    <T> T valid(T request) {
        Map<String, String> errors = new LinkedHashMap<>();
        validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .forEach(v -> errors.merge(field(v.getPropertyPath().toString()), v.getMessage(), (a, b) -> a + "; " + b));
        if (!errors.isEmpty()) {
            throw new Refusal.InvalidForm(errors);
        }
        return request;
    }

    /** {@code permissions[0].<list element>} -> {@code permissions}; {@code subject.id} stays. */
    private static String field(String path) {
        int index = path.indexOf('[');
        return index < 0 ? path : path.substring(0, index);
    }
}
