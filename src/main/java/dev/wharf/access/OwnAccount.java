package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * What every user does to their own account. A password change needs the current password: a session left
 * open, or a stolen token, must not be enough to take the account over. Wrong guesses count towards the
 * same throttle as the sign-in form, so this is no side door for guessing.
 */
@Component
class OwnAccount {

    private final UserAccounts users;
    private final JdbcAggregateOperations aggregates;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final AuditTrail audit;

    OwnAccount(UserAccounts users, JdbcAggregateOperations aggregates, PasswordEncoder encoder, SignInThrottle throttle,
            AuditTrail audit) {
        this.users = users;
        this.aggregates = aggregates;
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
    }

    UserAccount of(Authentication caller) {
        return users.findById(AccessPolicy.user(caller).orElseThrow().id()).orElseThrow();
    }

    void changePassword(AccessRequests.ChangePassword change, Authentication caller, HttpServletRequest request) {
        UserAccount me = of(caller);
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.waitFor(me.username(), address);
        if (wait.isPresent()) {
            throw new TooManyRequestsException("Too many wrong passwords; try again later", wait.get());
        }
        if (me.automation()) {
            throw new ConflictException("currentPassword", "an automation account has no password");
        }
        if (!encoder.matches(change.currentPassword(), me.passwordHash())) {
            throttle.failed(me.username(), address);
            audit.record(CallerAudit.entry(caller, "user.password", null, me.username(), AuditEntry.Outcome.DENIED,
                    "the current password was wrong"));
            throw new InvalidInputException("currentPassword", "is not your current password");
        }
        throttle.succeeded(me.username(), address);
        if (change.newPassword().equals(change.currentPassword())) {
            throw new InvalidInputException("newPassword", "is the same as the current one");
        }
        aggregates.update(me.withPasswordHash(encoder.encode(change.newPassword())));
        audit.record(CallerAudit.entry(caller, "user.password", null, me.username(), AuditEntry.Outcome.SUCCESS, null));
    }
}
