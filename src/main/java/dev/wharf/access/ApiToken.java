package dev.wharf.access;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/**
 * A stored API token: only the SHA-256 of the secret is kept.
 *
 * @param permissions the token's permission limit as stored ({@link TokenLimits}), null for none
 * @param scopes the token's scope limit as stored, null for none
 */
record ApiToken(@Id UUID id, UUID userId, String name, String tokenHash, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt, String permissions, String scopes) {

    TokenLimits limits() {
        return TokenLimits.stored(permissions, scopes);
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
