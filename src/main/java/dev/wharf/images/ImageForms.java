package dev.wharf.images;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The pages' forms checked with the API's own request records and their constraints, so a page refuses
 * exactly what the API refuses, in the same words; each refusal keyed by the form field it belongs to.
 */
@Component
class ImageForms {

    private final Validator validator;

    ImageForms(Validator validator) {
        this.validator = validator;
    }

    /** The pull form: registry credentials only when some were given (both are then needed). */
    record PullForm(String reference, String username, String password) {

        ImageApiController.PullRequest request() {
            boolean credentials = !blank(username) || !blank(password);
            return new ImageApiController.PullRequest(reference == null ? null : reference.strip(),
                    credentials ? new ImageApiController.Auth(username, password, null) : null);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        @Override
        public String toString() {
            return "PullForm[" + reference + ", username=" + username + ", password=<redacted>]";
        }
    }

    record TagForm(String repo, String tag) {

        ImageApiController.TagRequest request() {
            return new ImageApiController.TagRequest(repo == null ? null : repo.strip(), tag == null ? null : tag.strip());
        }
    }

    /** Field name (the last part of the property path: {@code auth.password} is {@code password}) to why. */
    Map<String, String> errors(Object request) {
        Map<String, String> errors = new TreeMap<>();
        for (ConstraintViolation<Object> violation : validator.validate(request)) {
            String path = violation.getPropertyPath().toString();
            errors.merge(path.substring(path.lastIndexOf('.') + 1), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
