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

    /** Every registered host. */
    List<KnownHost> all();

    /** A registered host as access control sees it. */
    record KnownHost(UUID id, String name, HostScope scope) {}
}
