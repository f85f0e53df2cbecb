package dev.wharf.hosts;

import dev.wharf.access.HostScope;
import java.time.Instant;
import java.util.UUID;

/**
 * A host as other modules and the API see it: everything but the TLS material itself.
 *
 * @param tlsSubject the client certificate's subject, null without TLS
 * @param policy the dangerous container settings this host allows
 */
public record RegisteredHost(UUID id, String name, String group, HostKind kind, String endpoint, String tlsSubject,
        Instant tlsExpiresAt, HostPolicy policy) {

    /** What access checks about this host need to know. */
    public HostScope scope() {
        return HostScope.of(id, group);
    }
}
