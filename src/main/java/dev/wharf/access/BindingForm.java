package dev.wharf.access;

import java.util.List;
import java.util.Locale;

/**
 * The form that grants a role: to whom ({@code user:<id>} or {@code team:<id>}; the team page fixes its
 * own team), which role, and where: everywhere, a group of hosts, or one host chosen from those the caller
 * can see. It becomes the API's {@link AccessRequests.CreateBinding}, checked by the same constraints.
 */
record BindingForm(String subject, String role, String scopeType, String group, String host) {

    static final List<String> FIELDS = List.of("subject", "role", "scopeType", "group", "host");

    static BindingForm empty() {
        return new BindingForm("", "", "global", "", "");
    }

    AccessRequests.CreateBinding request() {
        return request(subjectRef());
    }

    /** Only the chosen kind of scope names an id: a group typed and then switched to "global" is no error. */
    AccessRequests.CreateBinding request(AccessRequests.SubjectRef subject) {
        String type = scopeType == null || scopeType.isBlank() ? null : scopeType;
        String id = "group".equals(type) ? blankToNull(group) : "host".equals(type) ? blankToNull(host) : null;
        return new AccessRequests.CreateBinding(subject, blankToNull(role), new AccessRequests.ScopeRef(type, id));
    }

    /** The API's field names, as this form names them. */
    Refusal shown(Refusal refusal) {
        return refusal.shownOn(FIELDS, "subject.id", "subject", "subject.type", "subject", "scope", "scopeType",
                "scope.type", "scopeType", "scope.id", "host".equals(scopeType) ? "host" : "group");
    }

    /** {@code user:<id>} or {@code team:<id>}; null when it is neither, which the constraints then refuse. */
    private AccessRequests.SubjectRef subjectRef() {
        if (subject == null || subject.indexOf(':') < 0) {
            return null;
        }
        String type = subject.substring(0, subject.indexOf(':')).toLowerCase(Locale.ROOT);
        return new AccessRequests.SubjectRef(type, Ids.uuid(subject.substring(subject.indexOf(':') + 1)).orElse(null));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
