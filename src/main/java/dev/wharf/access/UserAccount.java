package dev.wharf.access;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/** A person or automation account that can sign in or hold tokens. */
record UserAccount(@Id UUID id, String username, String passwordHash, String displayName, boolean enabled,
        Instant createdAt) {

    SignedInUser toPrincipal() {
        return new SignedInUser(id, username, passwordHash, enabled, null);
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + "]";
    }
}
