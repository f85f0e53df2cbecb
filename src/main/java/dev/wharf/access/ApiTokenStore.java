package dev.wharf.access;

import dev.wharf.WharfProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks API tokens. A token is {@code wharf_} plus 256 random bits; only its SHA-256 is
 * stored, so checking one is a hash and an indexed lookup (microseconds), not a password hash, and a
 * copy of the database yields no usable token.
 */
@Component
class ApiTokenStore {

    static final String PREFIX = "wharf_";
    static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** Writing last-used on every request would turn each API read into a write. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiTokens tokens;
    private final UserAccounts users;
    private final JdbcAggregateOperations aggregates;
    private final Clock clock;
    private final Duration defaultLifetime;

    ApiTokenStore(ApiTokens tokens, UserAccounts users, JdbcAggregateOperations aggregates, Clock clock,
            WharfProperties properties) {
        this.tokens = tokens;
        this.users = users;
        this.aggregates = aggregates;
        this.clock = clock;
        this.defaultLifetime = properties.tokenLifetime();
    }

    record IssuedToken(ApiToken stored, String secret) {}

    /** @param lifetime null for the configured default */
    IssuedToken issue(UUID userId, String name, Duration lifetime, TokenLimits limits) {
        Duration life = lifetime != null ? lifetime : defaultLifetime;
        if (life.isNegative() || life.isZero() || life.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("A token lives between 1 day and " + MAX_LIFETIME.toDays() + " days");
        }
        String secret = PREFIX + RandomSecrets.base64Url(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what every database stores exactly
        ApiToken token = new ApiToken(UUID.randomUUID(), userId, name, sha256(secret), now, now.plus(life), null,
                limits.storedPermissions(), limits.storedScopes());
        return new IssuedToken(aggregates.insert(token), secret);
    }

    /** The token's owner, if the token exists, has not expired, and its owner may still sign in. */
    @Transactional
    Optional<SignedInUser> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<ApiToken> found = tokens.findByTokenHash(sha256(secret)).filter(t -> !t.expiredAt(now));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Optional<SignedInUser> owner = users.findById(token.userId())
                .filter(UserAccount::enabled)
                .map(user -> user.toPrincipal().viaToken(token.id(), token.limits()));
        if (owner.isPresent()
                && (token.lastUsedAt() == null || token.lastUsedAt().plus(LAST_USED_RESOLUTION).isBefore(now))) {
            tokens.markUsed(token.id(), now);
        }
        return owner;
    }

    List<ApiToken> listOwn(UUID userId) {
        return tokens.findByUserIdOrderByCreatedAtDesc(userId);
    }

    Optional<ApiToken> findOwn(UUID userId, UUID tokenId) {
        return tokens.findById(tokenId).filter(t -> t.userId().equals(userId));
    }

    /** The token exists and belongs to someone other than {@code userId}: asking for it is a refusal worth recording. */
    boolean belongsToAnother(UUID userId, UUID tokenId) {
        return tokens.findById(tokenId).filter(t -> !t.userId().equals(userId)).isPresent();
    }

    /** The token exists (not revoked) and has not expired. */
    boolean isLive(UUID tokenId) {
        return tokens.findById(tokenId).filter(t -> !t.expiredAt(clock.instant())).isPresent();
    }

    /** Revokes a token of {@code userId}: false when that user has no such token. */
    boolean revokeOwn(UUID userId, UUID tokenId) {
        Optional<ApiToken> token = findOwn(userId, tokenId);
        token.ifPresent(tokens::delete);
        return token.isPresent();
    }

    static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
