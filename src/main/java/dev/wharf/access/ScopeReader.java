package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Reads a scope a caller names (a binding's, a token's limit). A host the caller cannot see is "no such
 * host", exactly as one that does not exist, so nobody learns of hosts through these answers.
 */
@Component
class ScopeReader {

    private static final Pattern GROUP = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}");

    private final HostDirectory hosts;
    private final AccessPolicy access;

    ScopeReader(HostDirectory hosts, AccessPolicy access) {
        this.hosts = hosts;
        this.access = access;
    }

    /** @param field the request field named in a refusal, e.g. {@code scope} or {@code scopes[2]} */
    Scope read(AccessRequests.ScopeRef ref, Authentication caller, String field) {
        switch (ref.type()) {
            case "global":
                if (ref.id() != null && !ref.id().isBlank()) {
                    throw new InvalidInputException(field + ".id", "a global scope has no id");
                }
                return Scope.GLOBAL;
            case "group":
                if (ref.id() == null || !GROUP.matcher(ref.id()).matches()) {
                    throw new InvalidInputException(field + ".id", "must be a group name");
                }
                return Scope.group(ref.id());
            default:
                UUID hostId = Ids.uuid(ref.id()).orElse(null);
                if (hostId == null || hosts.scopeOf(hostId).filter(host -> access.may(caller, Permission.HOST_READ, host)).isEmpty()) {
                    throw new InvalidInputException(field + ".id", "no such host");
                }
                return Scope.host(hostId);
        }
    }

}
