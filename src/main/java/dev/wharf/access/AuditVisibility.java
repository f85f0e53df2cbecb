package dev.wharf.access;

import dev.wharf.audit.AuditReach;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which audit entries a caller may read. Admins see everything, team admins their scope: audit.read held
 * globally shows every entry; otherwise a caller sees the entries on each host where they hold audit.read,
 * and a team admin also sees what their teams' members did, anywhere, and what happened on the hosts their
 * teams' bindings cover. Entries without a host (users, roles, tokens) show only through the first or the
 * members rule.
 */
@Component
class AuditVisibility {

    private final AccessPolicy access;
    private final AccessGrants grants;
    private final HostDirectory hosts;
    private final TeamStore teams;
    private final BindingStore bindings;

    AuditVisibility(AccessPolicy access, AccessGrants grants, HostDirectory hosts, TeamStore teams, BindingStore bindings) {
        this.access = access;
        this.grants = grants;
        this.hosts = hosts;
        this.teams = teams;
        this.bindings = bindings;
    }

    /** What the caller may read; {@link AuditReach#NOTHING} for a caller who may read none of it. */
    AuditReach of(Authentication caller) {
        if (access.may(caller, Permission.AUDIT_READ, HostScope.none())) {
            return AuditReach.EVERYTHING;
        }
        List<HostDirectory.HostRef> all = hosts.all();
        Set<UUID> onHosts = new HashSet<>();
        all.stream().filter(host -> access.may(caller, Permission.AUDIT_READ, host.scope()))
                .forEach(host -> onHosts.add(host.id()));
        Set<String> byActors = new HashSet<>();
        for (UUID team : administeredTeams(caller)) {
            teams.members(team).forEach(member -> byActors.add(member.username()));
            for (Binding binding : bindings.of(Binding.Subject.team(team))) {
                all.stream().filter(host -> binding.scope().covers(host.scope())).forEach(host -> onHosts.add(host.id()));
            }
        }
        return AuditReach.of(onHosts, byActors);
    }

    /** What the caller may read; a 403, recorded as a denial, for a caller who may read none of it. */
    AuditReach require(Authentication caller) {
        AuditReach reach = of(caller);
        if (reach.isNothing()) {
            access.require(caller, Permission.AUDIT_READ, HostScope.none()); // audited 403
        }
        return reach;
    }

    /**
     * Whether the caller may read any of the trail, for the navigation: cheap for most callers (grants are
     * cached), and exact for a caller whose audit.read is bound to groups, which may hold no host yet.
     */
    boolean any(Authentication caller) {
        if (access.may(caller, Permission.AUDIT_READ, HostScope.none()) || !administeredTeams(caller).isEmpty()) {
            return true;
        }
        return access.maySomewhere(caller, Permission.AUDIT_READ)
                && hosts.all().stream().anyMatch(host -> access.may(caller, Permission.AUDIT_READ, host.scope()));
    }

    /** A team admin's teams, while their account is enabled. */
    private List<UUID> administeredTeams(Authentication caller) {
        return AccessPolicy.user(caller).filter(user -> grants.of(user.id()).enabled())
                .map(user -> teams.teamsAdministeredBy(user.id())).orElse(List.of());
    }
}
