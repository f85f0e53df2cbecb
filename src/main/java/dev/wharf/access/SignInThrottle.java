package dev.wharf.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing, on the sign-in form and on {@code POST /api/v1/auth/tokens} alike. Failures
 * are counted per account <em>and</em> client address together: after {@code wharf.sign-in.failures}
 * in a row, that pair waits {@code wharf.sign-in.wait} (doubling with each further failure, up to 15
 * minutes) before it may try again. The account itself is never locked, so nobody can shut a user out by
 * guessing from elsewhere; a success clears the count.
 */
@Component
class SignInThrottle {

    private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** Pairs remembered at most; the oldest are forgotten first, so guessing cannot fill the memory. */
    private static final int REMEMBERED = 100_000;

    private record Failures(int count, Instant blockedUntil) {}

    private final int allowed;
    private final Duration wait;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > REMEMBERED;
        }
    };

    SignInThrottle(@Value("${wharf.sign-in.failures:5}") int allowed, @Value("${wharf.sign-in.wait:30s}") Duration wait, Clock clock) {
        this.allowed = allowed;
        this.wait = wait;
        this.clock = clock;
    }

    /** How long this pair must still wait, if it must. */
    synchronized Optional<Duration> waitFor(String username, String address) {
        Failures seen = failures.get(key(username, address));
        if (seen == null || seen.blockedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), seen.blockedUntil());
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    synchronized void failed(String username, String address) {
        String key = key(username, address);
        int count = failures.getOrDefault(key, new Failures(0, null)).count() + 1;
        Instant blockedUntil = null;
        if (count >= allowed) {
            long doublings = Math.min(count - allowed, 20);
            Duration blocked = wait.multipliedBy(1L << doublings);
            blockedUntil = clock.instant().plus(blocked.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : blocked);
        }
        failures.put(key, new Failures(count, blockedUntil));
    }

    synchronized void succeeded(String username, String address) {
        failures.remove(key(username, address));
    }

    /**
     * The account as sign-in will look it up: trimmed as Spring trims it (which drops control characters
     * too), without case. A name no account can have (too long, control characters inside) counts as one
     * key per address, so variations cannot buy fresh attempts or fill memory.
     */
    static String key(String username, String address) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
            name = "\u0000not-a-username";
        }
        return name + "\n" + address;
    }
}
