package dev.wharf.access;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What the bindings on the access pages show and offer: bindings with their subjects' and hosts' names,
 * the roles worth offering, the hosts the caller can see, the subjects they may grant to.
 */
@Component
class BindingChoices {

    /** A binding as a page lists it. @param mayRemove whether the caller holds what it grants, where it grants it */
    record BindingRow(AccessViews.BindingView binding, String subjectName, String scopeLabel, boolean mayRemove) {}

    /** Someone the caller may grant to, as {@code user:<id>} or {@code team:<id>}. */
    record Subject(String value, String label) {}

    private final RoleStore roles;
    private final UserAccounts users;
    private final TeamStore teams;
    private final HostDirectory hosts;
    private final AccessPolicy access;
    private final AccessPages pages;

    BindingChoices(RoleStore roles, UserAccounts users, TeamStore teams, HostDirectory hosts, AccessPolicy access, AccessPages pages) {
        this.roles = roles;
        this.users = users;
        this.teams = teams;
        this.hosts = hosts;
        this.access = access;
        this.pages = pages;
    }

    List<BindingRow> rows(Authentication caller, List<AccessViews.BindingView> bindings) {
        Map<UUID, String> hostNames = visibleHosts(caller).stream()
                .collect(Collectors.toMap(HostDirectory.HostRef::id, HostDirectory.HostRef::name));
        return bindings.stream().map(binding -> {
            Scope scope = scope(binding.scope());
            boolean mayRemove = pages.holdsAll(caller, roles.find(binding.role()).map(Role::permissions).orElse(Set.of()), scope);
            return new BindingRow(binding, subjectName(binding.subject()), label(scope, hostNames), mayRemove);
        }).toList();
    }

    /** Roles whose every permission the caller holds somewhere: others could never be granted by them. */
    List<AccessViews.RoleView> grantableRoles(Authentication caller) {
        return roles.all().stream().filter(role -> pages.holdsSomewhere(caller, role.permissions()))
                .map(AccessViews.RoleView::of).toList();
    }

    /** The hosts a binding may name: those the caller can see, as the API requires. */
    List<HostDirectory.HostRef> visibleHosts(Authentication caller) {
        return hosts.all().stream().filter(host -> access.may(caller, Permission.HOST_READ, host.scope())).toList();
    }

    /** Users (with user.manage) and the teams the caller manages. */
    List<Subject> subjects(Authentication caller, AccessPages.Rights rights) {
        List<Subject> users = rights.manageUsers()
                ? this.users.findAll().stream().sorted(Comparator.comparing(UserAccount::username))
                        .map(user -> new Subject("user:" + user.id(), "user " + user.username())).toList()
                : List.of();
        List<Subject> teams = this.teams.all().stream().filter(team -> rights.administers(team.id()))
                .map(team -> new Subject("team:" + team.id(), "team " + team.name())).toList();
        return Stream.concat(users.stream(), teams.stream()).toList();
    }

    private String subjectName(AccessViews.SubjectView subject) {
        Function<UUID, Optional<String>> name = subject.type().equals("user")
                ? id -> users.findById(id).map(UserAccount::username)
                : id -> teams.find(id).map(TeamStore.Team::name);
        return name.apply(subject.id()).orElse(subject.id().toString());
    }

    /** A host the caller cannot see is named by its id only. */
    private static String label(Scope scope, Map<UUID, String> hostNames) {
        if (scope.type() != Scope.Type.HOST) {
            return scope.toString();
        }
        return "host " + hostNames.getOrDefault(UUID.fromString(scope.id()), scope.id());
    }

    static Scope scope(AccessViews.ScopeView view) {
        Scope.Type type = Scope.Type.valueOf(view.type().toUpperCase(Locale.ROOT));
        return type == Scope.Type.GLOBAL ? Scope.GLOBAL : new Scope(type, view.id());
    }
}
