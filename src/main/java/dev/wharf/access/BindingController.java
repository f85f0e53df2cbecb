package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/bindings}: who holds which role where. Granting to a user needs user.manage; granting
 * to a team needs team.manage or being that team's admin; either way the granter must hold every
 * permission of the role at that scope or wider (no escalation). Taking a binding away needs the same
 * authority over its subject, and never more.
 */
@RestController
class BindingController {

    private static final java.util.regex.Pattern GROUP = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final BindingStore bindings;
    private final RoleStore roles;
    private final UserAccounts users;
    private final TeamStore teams;
    private final HostDirectory hosts;
    private final AccessPolicy access;
    private final Escalation escalation;
    private final AccessGrants grants;
    private final AuditTrail audit;
    private final Clock clock;
    private final LastAdmin lastAdmin;

    BindingController(LastAdmin lastAdmin, BindingStore bindings, RoleStore roles, UserAccounts users, TeamStore teams, HostDirectory hosts,
            AccessPolicy access, Escalation escalation, AccessGrants grants, AuditTrail audit, Clock clock) {
        this.bindings = bindings;
        this.roles = roles;
        this.users = users;
        this.teams = teams;
        this.hosts = hosts;
        this.access = access;
        this.escalation = escalation;
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
        this.lastAdmin = lastAdmin;
    }

    /** Every binding for user.manage holders; the bindings of a team admin's teams otherwise. */
    @Requires(value = Permission.USER_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/api/v1/bindings")
    PageOf<AccessViews.BindingView> list(@RequestParam(required = false) String subjectType,
            @RequestParam(required = false) UUID subjectId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        boolean all = access.may(caller, Permission.USER_MANAGE, HostScope.none());
        List<UUID> mine = administered(caller);
        if (!all && mine.isEmpty() && !access.may(caller, Permission.TEAM_MANAGE, HostScope.none())) {
            access.require(caller, Permission.USER_MANAGE, HostScope.none()); // audited 403
        }
        List<AccessViews.BindingView> visible = bindings.all().stream()
                .filter(b -> all || mayManage(caller, b.subject(), mine))
                .filter(b -> subjectType == null || b.subject().type().apiName().equals(subjectType))
                .filter(b -> subjectId == null || b.subject().id().equals(subjectId))
                .map(AccessViews.BindingView::of).toList();
        return PageOf.slice(visible, page, size);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/api/v1/bindings")
    ResponseEntity<AccessViews.BindingView> create(@RequestBody @Valid AccessRequests.CreateBinding body, Authentication caller) {
        Binding.Subject subject = new Binding.Subject(Binding.Subject.Type.valueOf(body.subject().type().toUpperCase(Locale.ROOT)),
                body.subject().id());
        String resource = subject.type().apiName() + " " + subject.id();
        // authority first: who may not grant to this subject learns nothing about what exists
        if (!mayManage(caller, subject, administered(caller))) {
            access.deny(caller, "binding.create", null, resource, subject.type() == Binding.Subject.Type.USER
                    ? "granting to a user needs user.manage" : "granting to a team needs team.manage or being its team admin");
        }
        requireExists(subject);
        Role role = roles.find(body.role()).orElseThrow(() -> new InvalidInputException("role", "no role '" + body.role() + "'"));
        Scope scope = scope(body.scope(), caller);
        escalation.requireHolds(caller, role.permissions(), scope, "binding.create", resource);
        if (bindings.exists(subject, role.name(), scope)) {
            throw new ConflictException("role", "that binding exists already");
        }
        Binding binding = new Binding(UUID.randomUUID(), subject, role.name(), scope, clock.instant(), caller.getName());
        bindings.insert(binding);
        grants.changed();
        audit.record(CallerAudit.entry(caller, "binding.create", hostOf(scope), resource, AuditEntry.Outcome.SUCCESS,
                role.name() + " on " + scope));
        return ResponseEntity.created(URI.create("/api/v1/bindings/" + binding.id())).body(AccessViews.BindingView.of(binding));
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.HANDLER)
    @DeleteMapping("/api/v1/bindings/{bindingId}")
    ResponseEntity<Void> delete(@PathVariable UUID bindingId, Authentication caller) {
        Binding binding = bindings.find(bindingId).orElseThrow(() -> new NotFoundException("No binding " + bindingId));
        if (!mayManage(caller, binding.subject(), administered(caller))) {
            // the caller hears "no such binding"; the trail records what was tried
            access.recordDenial(caller, "binding.delete", hostOf(binding.scope()),
                    binding.subject().type().apiName() + " " + binding.subject().id(), "may not manage this binding's subject"
                            + " (answered as not found)");
            throw new NotFoundException("No binding " + bindingId);
        }
        // taking rights away is as strong as giving them: only who holds them there may
        escalation.requireHolds(caller, roles.find(binding.role()).map(Role::permissions).orElse(java.util.Set.of()),
                binding.scope(), "binding.delete", binding.subject().type().apiName() + " " + binding.subject().id());
        if (!lastAdmin.remainsWithout(null, java.util.Optional.of(bindingId))) {
            throw new ConflictException("bindingId", "this would leave no enabled user holding admin globally");
        }
        bindings.delete(bindingId);
        grants.changed();
        audit.record(CallerAudit.entry(caller, "binding.delete", hostOf(binding.scope()),
                binding.subject().type().apiName() + " " + binding.subject().id(), AuditEntry.Outcome.SUCCESS,
                binding.role() + " on " + binding.scope()));
        return ResponseEntity.noContent().build();
    }

    private boolean mayManage(Authentication caller, Binding.Subject subject, List<UUID> administeredTeams) {
        if (subject.type() == Binding.Subject.Type.USER) {
            return access.may(caller, Permission.USER_MANAGE, HostScope.none());
        }
        return access.may(caller, Permission.TEAM_MANAGE, HostScope.none()) || administeredTeams.contains(subject.id());
    }

    private List<UUID> administered(Authentication caller) {
        return teams.administeredBy(caller);
    }

    private void requireExists(Binding.Subject subject) {
        boolean exists = subject.type() == Binding.Subject.Type.USER ? users.existsById(subject.id()) : teams.find(subject.id()).isPresent();
        if (!exists) {
            throw new InvalidInputException("subject.id", "no such " + subject.type().apiName());
        }
    }

    /** A binding's scope; a host the caller cannot see is "no such host", exactly as one that does not exist. */
    private Scope scope(AccessRequests.ScopeRef ref, Authentication caller) {
        switch (ref.type()) {
            case "global":
                if (ref.id() != null && !ref.id().isBlank()) {
                    throw new InvalidInputException("scope.id", "a global scope has no id");
                }
                return Scope.GLOBAL;
            case "group":
                if (ref.id() == null || !GROUP.matcher(ref.id()).matches()) {
                    throw new InvalidInputException("scope.id", "must be a group name");
                }
                return Scope.group(ref.id());
            default:
                UUID hostId = parse(ref.id());
                if (hostId == null || hosts.scopeOf(hostId).filter(host -> access.may(caller, Permission.HOST_READ, host)).isEmpty()) {
                    throw new InvalidInputException("scope.id", "no such host");
                }
                return Scope.host(hostId);
        }
    }

    private static UUID parse(String id) {
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static UUID hostOf(Scope scope) {
        return scope.type() == Scope.Type.HOST ? UUID.fromString(scope.id()) : null;
    }
}
