package dev.wharf.access;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/**
 * A person, who signs in with a password, or an automation account, which only holds tokens.
 *
 * @param automation true for an account that never signs in: its password hash is of a secret nobody knows
 */
record UserAccount(@Id UUID id, String username, String passwordHash, String displayName, boolean enabled,
        Instant createdAt, boolean automation) {

    SignedInUser toPrincipal() {
        return new SignedInUser(id, username, passwordHash, enabled, null, TokenLimits.NONE);
    }

    UserAccount enabled(boolean value) {
        return new UserAccount(id, username, passwordHash, displayName, value, createdAt, automation);
    }

    UserAccount withPasswordHash(String hash) {
        return new UserAccount(id, username, hash, displayName, enabled, createdAt, automation);
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + "]";
    }
}
