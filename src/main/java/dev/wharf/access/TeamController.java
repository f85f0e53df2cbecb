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
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/teams}: teams and their members. Holders of team.manage (global) manage every team; a
 * team admin manages only their own team's members, and cannot make anyone a team admin. Adding a member
 * hands them the team's bindings, so the one who adds must hold all of those permissions there.
 */
@RestController
class TeamController {

    private final TeamStore teams;
    private final UserAccounts users;
    private final BindingStore bindings;
    private final RoleStore roles;
    private final AccessPolicy access;
    private final Escalation escalation;
    private final AccessGrants grants;
    private final AuditTrail audit;
    private final Clock clock;

    TeamController(TeamStore teams, UserAccounts users, BindingStore bindings, RoleStore roles, AccessPolicy access,
            Escalation escalation, AccessGrants grants, AuditTrail audit, Clock clock) {
        this.teams = teams;
        this.users = users;
        this.bindings = bindings;
        this.roles = roles;
        this.access = access;
        this.escalation = escalation;
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every team for team.manage holders; a team admin's own teams otherwise; 403 for anyone else. */
    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/api/v1/teams")
    PageOf<AccessViews.TeamView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<TeamStore.Team> visible;
        if (managesAll(caller)) {
            visible = teams.all();
        } else {
            List<UUID> mine = administered(caller);
            if (mine.isEmpty()) {
                access.require(caller, Permission.TEAM_MANAGE, HostScope.none()); // audited 403
            }
            visible = teams.all().stream().filter(team -> mine.contains(team.id())).toList();
        }
        return PageOf.slice(visible.stream().map(this::view).toList(), page, size);
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/api/v1/teams/{teamId}")
    AccessViews.TeamView get(@PathVariable UUID teamId, Authentication caller) {
        return view(manageable(teamId, caller, "team.read"));
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/teams")
    ResponseEntity<AccessViews.TeamView> create(@RequestBody @Valid AccessRequests.CreateTeam body, Authentication caller) {
        if (teams.findByName(body.name()).isPresent()) {
            throw new ConflictException("name", "a team named '" + body.name() + "' exists already");
        }
        TeamStore.Team team = new TeamStore.Team(UUID.randomUUID(), body.name(), clock.instant());
        teams.insert(team);
        audit.record(CallerAudit.entry(caller, "team.create", null, team.name(), AuditEntry.Outcome.SUCCESS, null));
        return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(view(team));
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.GLOBAL)
    @DeleteMapping("/api/v1/teams/{teamId}")
    @Transactional
    public ResponseEntity<Void> delete(@PathVariable UUID teamId, Authentication caller) {
        TeamStore.Team team = teams.find(teamId).orElseThrow(() -> new NotFoundException("No team " + teamId));
        bindings.deleteAllOf(Binding.Subject.team(teamId));
        teams.delete(teamId);
        grants.changed();
        audit.record(CallerAudit.entry(caller, "team.delete", null, team.name(), AuditEntry.Outcome.SUCCESS, null));
        return ResponseEntity.noContent().build();
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/api/v1/teams/{teamId}/members")
    ResponseEntity<Void> addMember(@PathVariable UUID teamId, @RequestBody @Valid AccessRequests.AddMember body,
            Authentication caller) {
        TeamStore.Team team = manageable(teamId, caller, "team.member.add");
        UserAccount user = member(body);
        boolean teamAdmin = Boolean.TRUE.equals(body.teamAdmin());
        boolean isTeamAdminNow = teams.members(teamId).stream().anyMatch(m -> m.userId().equals(user.id()) && m.teamAdmin());
        if ((teamAdmin || isTeamAdminNow) && !managesAll(caller)) {
            // making a team admin, or unmaking one by adding them again without the flag
            access.deny(caller, "team.member.add", null, team.name(), "only holders of team.manage make or unmake team admins");
        }
        for (Binding binding : bindings.of(Binding.Subject.team(teamId))) {
            escalation.requireHolds(caller, roles.find(binding.role()).map(Role::permissions).orElse(java.util.Set.of()),
                    binding.scope(), "team.member.add", team.name());
        }
        teams.putMember(teamId, user.id(), teamAdmin);
        grants.changed();
        audit.record(CallerAudit.entry(caller, "team.member.add", null, team.name(), AuditEntry.Outcome.SUCCESS,
                user.username() + (teamAdmin ? " (team admin)" : "")));
        return ResponseEntity.noContent().build();
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @DeleteMapping("/api/v1/teams/{teamId}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable UUID teamId, @PathVariable UUID userId, Authentication caller) {
        TeamStore.Team team = manageable(teamId, caller, "team.member.remove");
        if (!managesAll(caller) && teams.members(teamId).stream().anyMatch(m -> m.userId().equals(userId) && m.teamAdmin())) {
            access.deny(caller, "team.member.remove", null, team.name(), "only holders of team.manage remove team admins");
        }
        if (!teams.removeMember(teamId, userId)) {
            throw new NotFoundException("No member " + userId + " in team " + team.name());
        }
        grants.changed();
        audit.record(CallerAudit.entry(caller, "team.member.remove", null, team.name(), AuditEntry.Outcome.SUCCESS, userId.toString()));
        return ResponseEntity.noContent().build();
    }

    /**
     * A team the caller may manage; 404 for one they may not even see, as for one that does not exist. Such
     * a refusal is still a denial, and recorded as one.
     */
    private TeamStore.Team manageable(UUID teamId, Authentication caller, String action) {
        TeamStore.Team team = teams.find(teamId).orElseThrow(() -> new NotFoundException("No team " + teamId));
        if (!managesAll(caller) && !administered(caller).contains(teamId)) {
            audit.record(CallerAudit.entry(caller, action, null, team.name(), AuditEntry.Outcome.DENIED,
                    "not a team admin of this team (answered as not found)"));
            throw new NotFoundException("No team " + teamId);
        }
        return team;
    }

    private UserAccount member(AccessRequests.AddMember body) {
        if (body.userId() != null) {
            return users.findById(body.userId()).orElseThrow(() -> new InvalidInputException("userId", "no such user"));
        }
        if (body.username() != null && !body.username().isBlank()) {
            return users.findByUsername(body.username()).orElseThrow(() -> new InvalidInputException("username", "no such user"));
        }
        throw new InvalidInputException("userId", "name the member by userId or username");
    }

    private boolean managesAll(Authentication caller) {
        return access.may(caller, Permission.TEAM_MANAGE, HostScope.none());
    }

    private List<UUID> administered(Authentication caller) {
        return teams.administeredBy(caller);
    }

    private AccessViews.TeamView view(TeamStore.Team team) {
        return new AccessViews.TeamView(team.id(), team.name(), team.createdAt(), teams.members(team.id()).stream()
                .map(m -> new AccessViews.MemberView(m.userId(), m.username(), m.teamAdmin())).toList());
    }
}
