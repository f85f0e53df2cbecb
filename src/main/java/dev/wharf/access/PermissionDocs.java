package dev.wharf.access;

import dev.wharf.web.ProblemDocs;
import dev.wharf.web.Public;
import dev.wharf.web.SignedIn;
import io.swagger.v3.oas.models.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Who may call each operation of the OpenAPI document, read from the handler's own rule ({@link Requires},
 * {@link SignedIn}, {@link Public}): the extension {@code x-wharf-permission} for programs, a sentence in the
 * description for people, and the sign-in and permission errors (401, 403) every route but a public one can answer.
 */
@Component
class PermissionDocs implements GlobalOperationCustomizer {

    static final String EXTENSION = "x-wharf-permission";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<String, Object> rule = new LinkedHashMap<>();
        String sentence;
        Requires requires = handler.getMethodAnnotation(Requires.class);
        SignedIn signedIn = handler.getMethodAnnotation(SignedIn.class);
        if (requires != null) {
            rule.put("permission", requires.value().key());
            rule.put("on", requires.on().name().toLowerCase(Locale.ROOT));
            sentence = sentence(requires);
        } else if (signedIn != null) {
            rule.put("signedIn", true);
            sentence = "Permission: none beyond signing in (" + signedIn.value() + ").";
        } else if (handler.hasMethodAnnotation(Public.class)) {
            rule.put("public", true);
            sentence = "Open without signing in.";
        } else {
            return operation; // the route check refuses it, and RouteCoverageTests names it
        }
        addRule(operation, rule);
        appendDescription(operation, sentence);
        if (!rule.containsKey("public")) {
            // signed-in routes can refuse too: another user's things, a token asking for what only a password may
            ProblemDocs.add(operation, HttpStatus.UNAUTHORIZED, "No credentials, or a token that is unknown, expired or revoked "
                    + "(`unauthorized`)");
            ProblemDocs.add(operation, HttpStatus.FORBIDDEN, "The caller may see the resource but is not allowed this: a missing "
                    + "permission, or a setting the host's policy refuses (`forbidden`)");
        }
        return operation;
    }

    private static String sentence(Requires requires) {
        String permission = "`" + requires.value().key() + "`";
        return switch (requires.on()) {
            case HOST -> "Permission: " + permission + " on the host in the path; a host the caller cannot see answers 404.";
            case GLOBAL -> "Permission: " + permission + " in a global binding.";
            case EACH_HOST -> "Permission: " + permission + " per host; the answer holds only the hosts where the caller has it.";
            case HANDLER -> "Permission: " + permission + " at the scope the request or the resource names (checked by the handler).";
        };
    }

    /** Two handlers on one path and method (a list and its stream) that state different rules list both. */
    private static void addRule(Operation operation, Map<String, Object> rule) {
        Object existing = operation.getExtensions() == null ? null : operation.getExtensions().get(EXTENSION);
        if (existing == null) {
            operation.addExtension(EXTENSION, rule);
        } else if (!existing.equals(rule) && !(existing instanceof List<?> listed && listed.contains(rule))) {
            List<Object> rules = new ArrayList<>(existing instanceof List<?> listed ? listed : List.of(existing));
            rules.add(rule);
            operation.addExtension(EXTENSION, rules);
        }
    }

    private static void appendDescription(Operation operation, String sentence) {
        String current = operation.getDescription();
        if (current == null || current.isBlank()) {
            operation.setDescription(sentence);
        } else if (!current.contains(sentence)) {
            operation.setDescription(current + "\n\n" + sentence);
        }
    }
}
