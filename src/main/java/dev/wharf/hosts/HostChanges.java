package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.CallerAudit;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.access.AccessDeniedException;
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
    private final AccessPolicy access;

    HostChanges(HostRegistry registry, AuditTrail audit, AccessPolicy access) {
        this.registry = registry;
        this.audit = audit;
        this.access = access;
    }

    /**
     * Pointing Wharf at an engine gives whoever may see the host root on that engine, and the engine may
     * already be registered as a host the caller cannot see: registering needs host.manage globally.
     */
    RegisteredHost register(Authentication caller, HostRegistration request) {
        access.require(caller, Permission.HOST_MANAGE, HostScope.none());
        return audited(caller, "host.create", null, request.name(), () -> registry.register(request),
                RegisteredHost::endpoint);
    }

    /**
     * Renaming needs host.manage on the host (checked before this); moving it into a group needs it there
     * too; pointing it at another engine (endpoint, TLS material) needs it globally, as registering does.
     */
    RegisteredHost edit(Authentication caller, RegisteredHost current, HostRegistration request) {
        if (request.group() != null && !request.group().isBlank() && !request.group().equals(current.group())) {
            access.require(caller, Permission.HOST_MANAGE, HostScope.newHostIn(request.group()));
        }
        requireMayConnect(caller, current, request);
        return audited(caller, "host.update", current.id(), current.name(), () -> registry.edit(current.id(), request),
                RegisteredHost::endpoint);
    }

    /**
     * Trying or saving another endpoint or other TLS material for a host reaches another engine: that needs
     * host.manage globally, as registering does. The same endpoint and material need only the host's own.
     */
    void requireMayConnect(Authentication caller, RegisteredHost current, HostRegistration request) {
        boolean reconnects = (request.endpoint() != null && !request.endpoint().equals(current.endpoint())) || request.tls() != null;
        if (reconnects) {
            access.require(caller, Permission.HOST_MANAGE, HostScope.none());
        }
    }

    /** The entry's detail is the policy now in force, so the trail shows what each change opened or closed. */
    RegisteredHost setPolicy(Authentication caller, RegisteredHost current, HostPolicyRules.Requested requested) {
        return audited(caller, "host.policy", current.id(), current.name(), () -> {
            // opening a setting can make a container root on the engine (an hcs host's engine is this very
            // machine): as with pointing a host at an engine, that needs host.manage globally; closing does not
            if (HostPolicyRules.checked(requested).allowsMoreThan(current.policy())) {
                access.require(caller, Permission.HOST_MANAGE, HostScope.none());
            }
            return registry.setPolicy(current.id(), requested);
        }, host -> host.policy().toString());
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
        } catch (AccessDeniedException e) {
            throw e; // recorded as a denial where it was decided
        } catch (RuntimeException e) {
            // refused input names its field and never holds a secret; anything else is named by its kind only
            String why = e instanceof InvalidInputException || e instanceof NotFoundException ? e.getMessage()
                    : "failed: " + e.getClass().getSimpleName();
            audit.record(CallerAudit.entry(caller, action, hostId, resource, AuditEntry.Outcome.FAILURE, why));
            throw e;
        }
    }
}
