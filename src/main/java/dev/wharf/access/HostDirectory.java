package dev.wharf.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What access control needs to know of hosts (a seam, since hosts depend on access): the scope of a host
 * a binding names, so a grant on it can be checked against the granter's own rights there, and every host,
 * for what reaches across hosts (the audit trail a reader may see).
 */
public interface HostDirectory {

    Optional<HostScope> scopeOf(UUID hostId);

    /** A registered host as access answers show it. */
    record HostRef(UUID id, String name, String group) {

        public HostScope scope() {
            return HostScope.of(id, group);
        }
    }

    /** Every registered host, by name. */
    List<HostRef> all();
}
