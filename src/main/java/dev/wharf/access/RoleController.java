package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import dev.wharf.web.SignedIn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/roles}: the built-in roles and custom ones. Anyone signed in may read them (a team admin
 * must know what they can grant); holders of role.manage make and edit custom roles, with only permissions
 * they hold everywhere themselves. Built-in roles never change.
 */
@RestController
class RoleController {

    private final RoleStore roles;
    private final BindingStore bindings;
    private final Escalation escalation;
    private final AccessGrants grants;
    private final AuditTrail audit;

    RoleController(RoleStore roles, BindingStore bindings, Escalation escalation, AccessGrants grants, AuditTrail audit) {
        this.roles = roles;
        this.bindings = bindings;
        this.escalation = escalation;
        this.grants = grants;
        this.audit = audit;
    }

    @SignedIn("roles name permissions, not who holds them")
    @GetMapping("/api/v1/roles")
    PageOf<AccessViews.RoleView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return PageOf.slice(roles.all().stream().map(AccessViews.RoleView::of).toList(), page, size);
    }

    @SignedIn("roles name permissions, not who holds them")
    @GetMapping("/api/v1/roles/{name}")
    AccessViews.RoleView get(@PathVariable String name) {
        return AccessViews.RoleView.of(find(name));
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/roles")
    ResponseEntity<AccessViews.RoleView> create(@RequestBody @Valid AccessRequests.CreateRole body, Authentication caller) {
        if (roles.find(body.name()).isPresent()) {
            throw new ConflictException("name", "a role named '" + body.name() + "' exists already");
        }
        Role role = new Role(body.name(), body.description(), permissions(body.permissions()), false);
        escalation.requireHolds(caller, role.permissions(), Scope.GLOBAL, "role.create", role.name());
        roles.insert(role);
        audit.record(CallerAudit.entry(caller, "role.create", null, role.name(), AuditEntry.Outcome.SUCCESS, keys(role)));
        return ResponseEntity.created(URI.create("/api/v1/roles/" + role.name())).body(AccessViews.RoleView.of(role));
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @PutMapping("/api/v1/roles/{name}")
    AccessViews.RoleView edit(@PathVariable String name, @RequestBody @Valid AccessRequests.EditRole body, Authentication caller) {
        Role current = custom(name);
        Role edited = new Role(name, body.description(), permissions(body.permissions()), false);
        // the role may be bound anywhere: its editor must hold, everywhere, all it grants before and after
        Set<Permission> involved = EnumSet.noneOf(Permission.class);
        involved.addAll(current.permissions());
        involved.addAll(edited.permissions());
        escalation.requireHolds(caller, involved, Scope.GLOBAL, "role.update", name);
        roles.update(edited);
        grants.changed();
        audit.record(CallerAudit.entry(caller, "role.update", null, name, AuditEntry.Outcome.SUCCESS, keys(edited)));
        return AccessViews.RoleView.of(edited);
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @DeleteMapping("/api/v1/roles/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, Authentication caller) {
        custom(name);
        if (bindings.roleInUse(name)) {
            throw new ConflictException("name", "role '" + name + "' is bound; remove its bindings first");
        }
        roles.delete(name);
        audit.record(CallerAudit.entry(caller, "role.delete", null, name, AuditEntry.Outcome.SUCCESS, null));
        return ResponseEntity.noContent().build();
    }

    private Role find(String name) {
        return roles.find(name).orElseThrow(() -> new NotFoundException("No role " + name));
    }

    private Role custom(String name) {
        Role role = find(name);
        if (role.builtIn()) {
            throw new ConflictException("name", "'" + name + "' is a built-in role and cannot change");
        }
        return role;
    }

    private static Set<Permission> permissions(List<String> keys) {
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String key : keys) {
            permissions.add(Permission.fromKey(key).orElseThrow(() -> new InvalidInputException("permissions",
                    "'" + key + "' is not a permission")));
        }
        return permissions;
    }

    private static String keys(Role role) {
        return String.join(",", AccessViews.RoleView.of(role).permissions());
    }
}
