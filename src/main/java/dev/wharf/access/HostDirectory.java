package dev.wharf.access;

import java.util.Optional;
import java.util.UUID;

/**
 * What access control needs to know of hosts (a seam, since hosts depend on access): the scope of a host
 * a binding names, so a grant on it can be checked against the granter's own rights there.
 */
public interface HostDirectory {

    Optional<HostScope> scopeOf(UUID hostId);
}
