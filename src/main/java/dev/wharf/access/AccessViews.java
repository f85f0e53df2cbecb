package dev.wharf.access;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the users, teams, roles and bindings API answers. Never a password hash. */
final class AccessViews {

    private AccessViews() {}

    /** @param automation an account that never signs in and only holds tokens */
    record UserView(UUID id, String username, String displayName, boolean enabled, boolean automation, Instant createdAt) {
        static UserView of(UserAccount user) {
            return new UserView(user.id(), user.username(), user.displayName(), user.enabled(), user.automation(), user.createdAt());
        }
    }

    record TeamView(UUID id, String name, Instant createdAt, List<MemberView> members) {}

    record MemberView(UUID userId, String username, boolean teamAdmin) {}

    record RoleView(String name, String description, List<String> permissions, boolean builtIn) {
        static RoleView of(Role role) {
            return new RoleView(role.name(), role.description(), role.permissions().stream().map(Permission::key).sorted().toList(),
                    role.builtIn());
        }
    }

    record BindingView(UUID id, SubjectView subject, String role, ScopeView scope, Instant createdAt, String createdBy) {
        static BindingView of(Binding binding) {
            return new BindingView(binding.id(), new SubjectView(binding.subject().type().apiName(), binding.subject().id()),
                    binding.role(), new ScopeView(binding.scope().type().apiName(), binding.scope().id()), binding.createdAt(),
                    binding.createdBy());
        }
    }

    record SubjectView(String type, UUID id) {}

    record ScopeView(String type, String id) {}
}
