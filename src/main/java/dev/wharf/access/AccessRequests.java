package dev.wharf.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the users, teams, roles and bindings API. Unknown fields are refused everywhere. */
final class AccessRequests {

    static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    static final String NAME_MESSAGE = "letters, digits, '.', '_' and '-', starting with a letter or digit";

    private AccessRequests() {}

    /** A person (with a password) or an automation account ({@code automation: true}, no password: it only holds tokens). */
    record CreateUser(@NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String username,
            @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String password,
            @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String displayName,
            Boolean automation) {

        CreateUser(String username, String password, String displayName) {
            this(username, password, displayName, null);
        }

        boolean isAutomation() {
            return Boolean.TRUE.equals(automation);
        }
    }

    /** One's own new password; the current one proves it is really them at the keyboard. */
    record ChangePassword(@NotNull String currentPassword,
            @NotNull @Size(min = 12, max = 200, message = "must be 12 to 200 characters") String newPassword) {}

    record CreateTeam(@NotBlank @Size(max = 100) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name) {}

    /** A member by id or by username (team admins may not see the user list). */
    record AddMember(UUID userId, @Size(max = 100) String username, Boolean teamAdmin) {}

    record CreateRole(@NotBlank @Size(max = 64) @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @Size(max = 500) String description, @NotNull List<@NotBlank String> permissions) {}

    record EditRole(@Size(max = 500) String description, @NotNull List<@NotBlank String> permissions) {}

    record CreateBinding(@NotNull @Valid SubjectRef subject, @NotBlank @Size(max = 64) String role, @NotNull @Valid ScopeRef scope) {}

    record SubjectRef(@NotNull @Pattern(regexp = "user|team", message = "must be user or team") String type, @NotNull UUID id) {}

    record ScopeRef(@NotNull @Pattern(regexp = "global|group|host", message = "must be global, group or host") String type,
            @Size(max = 100) String id) {}
}
