package dev.wharf.hosts;

import dev.wharf.access.CallerAudit;
import dev.wharf.access.Permission;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.engine.ContainerEngine;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs one operation on a host's engine for a caller: checks the permission on the host (404 for a host
 * the caller cannot see), calls the engine, and records changes in the audit trail with their outcome.
 * Reads are not audited; every change and every refusal is. Containers, images, switches and volumes
 * all go through here.
 */
@Component
public class HostActions {

    private final VisibleHosts hosts;
    private final HostEngines engines;
    private final AuditTrail audit;

    HostActions(VisibleHosts hosts, HostEngines engines, AuditTrail audit) {
        this.hosts = hosts;
        this.engines = engines;
        this.audit = audit;
    }

    public <T> T read(Authentication caller, UUID hostId, Permission permission, Function<ContainerEngine, T> read) {
        hosts.require(caller, hostId, permission);
        return read.apply(engines.engine(hostId));
    }

    /**
     * @param action the audit action, such as {@code container.stop}
     * @param resource the id or name the caller gave
     */
    public <T> T change(Authentication caller, UUID hostId, Permission permission, String action, String resource,
            Function<ContainerEngine, T> change) {
        RegisteredHost host = hosts.require(caller, hostId, permission); // a refusal is audited by AccessPolicy
        try {
            T result = change.apply(engines.engine(host.id()));
            audit.record(CallerAudit.entry(caller, action, hostId, resource, AuditEntry.Outcome.SUCCESS, null));
            return result;
        } catch (RuntimeException e) {
            audit.record(CallerAudit.entry(caller, action, hostId, resource, AuditEntry.Outcome.FAILURE, e.getMessage()));
            throw e;
        }
    }
}
