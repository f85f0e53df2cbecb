package dev.wharf.access;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/** A stored API token: only the SHA-256 of the secret is kept. */
record ApiToken(@Id UUID id, UUID userId, String name, String tokenHash, Instant createdAt, Instant expiresAt,
        Instant lastUsedAt) {

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
