package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What a user may do, and which binding grants each permission: the answer to "why can she stop containers
 * on web-01?". Anyone may ask about themselves; holders of user.manage ask about anyone, team admins about
 * their teams' members. A user or host the caller may not ask about is answered as if it did not exist.
 */
@Component
class EffectiveAccess {

    /** @param host null when the answer covers every scope */
    record View(UserRef user, HostDirectory.HostRef host, boolean enabled, List<Granted> granted, List<String> notGranted) {}

    record UserRef(UUID id, String username) {}

    record Granted(String permission, List<Source> grantedBy) {}

    /** @param via who holds the binding: the user, or a team they are in */
    record Source(UUID bindingId, String role, AccessViews.ScopeView scope, Via via) {}

    record Via(String type, UUID id, String name) {}

    private final UserAccounts users;
    private final TeamStore teams;
    private final AccessGrants grants;
    private final AccessPolicy access;
    private final HostDirectory hosts;

    EffectiveAccess(UserAccounts users, TeamStore teams, AccessGrants grants, AccessPolicy access, HostDirectory hosts) {
        this.users = users;
        this.teams = teams;
        this.grants = grants;
        this.access = access;
        this.hosts = hosts;
    }

    /** @param user a username or id, or blank for the caller; @param host a host id, or blank for every scope */
    View of(String user, String host, Authentication caller) {
        UserAccount whom = whom(user, caller);
        Optional<HostDirectory.HostRef> where = host == null || host.isBlank() ? Optional.empty() : Optional.of(host(host.strip(), caller));
        Grants held = grants.of(whom.id());
        Map<UUID, String> teamNames = teams.all().stream().collect(Collectors.toMap(TeamStore.Team::id, TeamStore.Team::name));
        List<Granted> granted = new ArrayList<>();
        List<String> notGranted = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            List<Source> sources = !held.enabled() ? List.of() : held.held().stream()
                    .filter(h -> h.permissions().contains(permission))
                    .filter(h -> where.map(w -> h.binding().scope().covers(w.scope())).orElse(true))
                    .map(h -> source(h.binding(), whom, teamNames))
                    .toList();
            if (sources.isEmpty()) {
                notGranted.add(permission.key());
            } else {
                granted.add(new Granted(permission.key(), sources));
            }
        }
        return new View(new UserRef(whom.id(), whom.username()), where.orElse(null), held.enabled(), granted, notGranted);
    }

    private UserAccount whom(String user, Authentication caller) {
        SignedInUser me = AccessPolicy.user(caller).orElseThrow();
        if (user == null || user.isBlank()) {
            return users.findById(me.id()).orElseThrow();
        }
        String named = user.strip();
        Optional<UserAccount> found = users.findByUsername(named).or(() -> Ids.uuid(named).flatMap(users::findById));
        boolean mayAsk = found.map(u -> u.id().equals(me.id()) || access.may(caller, Permission.USER_MANAGE, HostScope.none())
                || administersTeamOf(caller, u)).orElse(false);
        if (!mayAsk) {
            if (found.isPresent()) {
                access.recordDenial(caller, "access.read", null, found.get().username(), "not their own, their team's, or held user.manage");
            }
            throw new NotFoundException("No user '" + named + "'");
        }
        return found.get();
    }

    private boolean administersTeamOf(Authentication caller, UserAccount user) {
        List<UUID> theirs = teams.teamsOf(user.id());
        return teams.administeredBy(caller).stream().anyMatch(theirs::contains);
    }

    private HostDirectory.HostRef host(String host, Authentication caller) {
        UUID id = Ids.uuid(host).orElseThrow(() -> new InvalidInputException("host", "must be a host id"));
        Optional<HostDirectory.HostRef> found = hosts.all().stream().filter(h -> h.id().equals(id)).findFirst();
        if (found.isEmpty() || !access.may(caller, Permission.HOST_READ, found.get().scope())) {
            found.ifPresent(h -> access.recordDenial(caller, "access.read", h.id(), null, "missing host.read"));
            throw new NotFoundException("No host " + id);
        }
        return found.get();
    }

    private static Source source(Binding binding, UserAccount whom, Map<UUID, String> teamNames) {
        Binding.Subject subject = binding.subject();
        Via via = subject.type() == Binding.Subject.Type.USER ? new Via("user", whom.id(), whom.username())
                : new Via("team", subject.id(), teamNames.get(subject.id()));
        return new Source(binding.id(), binding.role(), new AccessViews.ScopeView(binding.scope().type().apiName(), binding.scope().id()), via);
    }

}
