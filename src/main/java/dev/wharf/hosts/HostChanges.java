package dev.wharf.hosts;

import dev.wharf.access.CallerAudit;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.InvalidInputException;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * A caller's changes to the registry, each recorded in the audit trail with its outcome, whether it came
 * from a page or the API. Refusals are recorded with their message, which names the field and never
 * holds a secret.
 */
@Component
class HostChanges {

    private final HostRegistry registry;
    private final AuditTrail audit;

    HostChanges(HostRegistry registry, AuditTrail audit) {
        this.registry = registry;
        this.audit = audit;
    }

    RegisteredHost register(Authentication caller, HostRegistration request) {
        return audited(caller, "host.create", null, request.name(), () -> registry.register(request),
                RegisteredHost::endpoint);
    }

    RegisteredHost edit(Authentication caller, RegisteredHost current, HostRegistration request) {
        return audited(caller, "host.update", current.id(), current.name(), () -> registry.edit(current.id(), request),
                RegisteredHost::endpoint);
    }

    /** The entry's detail is the policy now in force, so the trail shows what each change opened or closed. */
    RegisteredHost setPolicy(Authentication caller, RegisteredHost current, HostPolicyRules.Requested requested) {
        return audited(caller, "host.policy", current.id(), current.name(),
                () -> registry.setPolicy(current.id(), requested), host -> host.policy().toString());
    }

    RegisteredHost remove(Authentication caller, RegisteredHost current) {
        return audited(caller, "host.delete", current.id(), current.name(), () -> registry.remove(current.id()),
                RegisteredHost::endpoint);
    }

    private RegisteredHost audited(Authentication caller, String action, UUID hostId, String resource,
            Supplier<RegisteredHost> change, Function<RegisteredHost, String> detail) {
        try {
            RegisteredHost host = change.get();
            audit.record(CallerAudit.entry(caller, action, host.id(), host.name(), AuditEntry.Outcome.SUCCESS, detail.apply(host)));
            return host;
        } catch (InvalidInputException e) {
            audit.record(CallerAudit.entry(caller, action, hostId, resource, AuditEntry.Outcome.FAILURE, e.getMessage()));
            throw e;
        }
    }
}
