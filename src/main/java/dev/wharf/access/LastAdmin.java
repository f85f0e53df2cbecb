package dev.wharf.access;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Somebody must always be able to grant everything: a change that would leave no enabled user holding
 * {@code admin} globally (directly or through a team) is refused.
 */
@Component
class LastAdmin {

    private final BindingStore bindings;
    private final TeamStore teams;
    private final UserAccounts users;

    LastAdmin(BindingStore bindings, TeamStore teams, UserAccounts users) {
        this.bindings = bindings;
        this.teams = teams;
        this.users = users;
    }

    /** True when some enabled global admin other than {@code userId} remains (with {@code dropping} gone too). */
    boolean remainsWithout(UUID userId, Optional<UUID> dropping) {
        Set<UUID> admins = new HashSet<>();
        for (Binding binding : bindings.all()) {
            if (!binding.role().equals(Role.ADMIN.name()) || binding.scope().type() != Scope.Type.GLOBAL
                    || dropping.map(binding.id()::equals).orElse(false)) {
                continue;
            }
            if (binding.subject().type() == Binding.Subject.Type.USER) {
                admins.add(binding.subject().id());
            } else {
                teams.members(binding.subject().id()).forEach(member -> admins.add(member.userId()));
            }
        }
        admins.remove(userId);
        return admins.stream().anyMatch(id -> users.findById(id).map(UserAccount::enabled).orElse(false));
    }
}
