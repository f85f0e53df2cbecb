package dev.wharf.access;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What a caller may use of the access pages (users, teams, roles, bindings), so the pages offer only that:
 * the layout's nav entry asks here as {@code @accessPages}, the pages for their links and forms. This only
 * hides what would be refused; the API handlers the pages call check everything again.
 */
@Component("accessPages")
public class AccessPages {

    /**
     * @param administered the teams the caller is a team admin of
     */
    public record Rights(boolean manageUsers, boolean manageTeams, boolean manageRoles, List<UUID> administered) {

        /** The teams pages: every team with team.manage, a team admin's own teams otherwise. */
        public boolean teams() {
            return manageTeams || !administered.isEmpty();
        }

        /** The bindings page lists what the API lists to the caller: all, or those of teams they manage. */
        public boolean bindings() {
            return manageUsers || teams();
        }

        public boolean administers(UUID teamId) {
            return manageTeams || administered.contains(teamId);
        }

        /** Where the nav's "Access" entry leads, or null when the caller may manage none of it. */
        public String home() {
            return manageUsers ? "/access/users" : teams() ? "/access/teams" : manageRoles ? "/access/roles" : null;
        }
    }

    private final AccessPolicy access;
    private final TeamStore teams;
    private final Escalation escalation;
    private final AccessGrants grants;

    AccessPages(AccessPolicy access, TeamStore teams, Escalation escalation, AccessGrants grants) {
        this.access = access;
        this.teams = teams;
        this.escalation = escalation;
        this.grants = grants;
    }

    Rights of(Authentication caller) {
        List<UUID> administered = teams.administeredBy(caller);
        return new Rights(access.may(caller, Permission.USER_MANAGE, HostScope.none()),
                access.may(caller, Permission.TEAM_MANAGE, HostScope.none()),
                access.may(caller, Permission.ROLE_MANAGE, HostScope.none()), administered);
    }

    /** The signed-in caller's rights, for templates. */
    public Rights current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The nav entry's target for the signed-in caller; null: no entry. */
    public String entry() {
        return current().home();
    }

    /** True when the caller holds each of {@code permissions} wherever {@code scope} reaches: what granting or taking it needs. */
    boolean holdsAll(Authentication caller, Collection<Permission> permissions, Scope scope) {
        HostScope where = escalation.hostScope(scope);
        return permissions.stream().allMatch(permission -> access.may(caller, permission, where));
    }

    /** True when the caller holds all the account holds, where it holds it: what turning it on or off, or deleting it, needs. */
    boolean holdsAllOf(Authentication caller, UUID userId) {
        return grants.of(userId).held().stream().allMatch(held -> holdsAll(caller, held.permissions(), held.binding().scope()));
    }

    /** True when the caller holds each of {@code permissions} somewhere: a role granting what they hold nowhere is not worth offering. */
    boolean holdsSomewhere(Authentication caller, Collection<Permission> permissions) {
        return permissions.stream().allMatch(permission -> access.maySomewhere(caller, permission));
    }
}
