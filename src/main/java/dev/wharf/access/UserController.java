package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: accounts, for holders of user.manage. A disabled account's sessions and tokens
 * stop working on their next request; nobody disables or deletes themselves (the last admin could
 * otherwise lock everyone out).
 */
@RestController
class UserController {

    private final UserAccounts users;
    private final JdbcAggregateOperations aggregates;
    private final PasswordEncoder encoder;
    private final BindingStore bindings;
    private final AccessGrants grants;
    private final AuditTrail audit;
    private final Clock clock;
    private final Escalation escalation;
    private final LastAdmin lastAdmin;

    UserController(UserAccounts users, JdbcAggregateOperations aggregates, PasswordEncoder encoder, BindingStore bindings,
            AccessGrants grants, AuditTrail audit, Clock clock, Escalation escalation, LastAdmin lastAdmin) {
        this.escalation = escalation;
        this.lastAdmin = lastAdmin;
        this.users = users;
        this.aggregates = aggregates;
        this.encoder = encoder;
        this.bindings = bindings;
        this.grants = grants;
        this.audit = audit;
        this.clock = clock;
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/api/v1/users")
    PageOf<AccessViews.UserView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return PageOf.slice(users.findAll().stream().sorted(Comparator.comparing(UserAccount::username))
                .map(AccessViews.UserView::of).toList(), page, size);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/api/v1/users/{userId}")
    AccessViews.UserView get(@PathVariable UUID userId) {
        return AccessViews.UserView.of(find(userId));
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/users")
    ResponseEntity<AccessViews.UserView> create(@RequestBody @Valid AccessRequests.CreateUser body, Authentication caller) {
        if (body.isAutomation() && body.password() != null) {
            throw new InvalidInputException("password", "an automation account has no password: it only holds tokens");
        }
        if (!body.isAutomation() && body.password() == null) {
            throw new InvalidInputException("password", "is required (12 to 200 characters)");
        }
        // an automation account's hash is of a secret nobody ever sees; sign-in refuses the account anyway
        String password = body.isAutomation() ? RandomSecrets.base64Url(32) : body.password();
        UserAccount created;
        try {
            created = aggregates.insert(new UserAccount(UUID.randomUUID(), body.username(), encoder.encode(password),
                    body.displayName(), true, clock.instant(), body.isAutomation()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("username", "a user named '" + body.username() + "' exists already");
        }
        audit.record(CallerAudit.entry(caller, "user.create", null, created.username(), AuditEntry.Outcome.SUCCESS,
                created.automation() ? "automation account" : null));
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.id())).body(AccessViews.UserView.of(created));
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/users/{userId}/disable")
    ResponseEntity<Void> disable(@PathVariable UUID userId, Authentication caller) {
        return setEnabled(userId, false, caller);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/users/{userId}/enable")
    ResponseEntity<Void> enable(@PathVariable UUID userId, Authentication caller) {
        return setEnabled(userId, true, caller);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @DeleteMapping("/api/v1/users/{userId}")
    @Transactional
    public ResponseEntity<Void> delete(@PathVariable UUID userId, Authentication caller) {
        UserAccount user = guarded(notSelf(find(userId), caller, "delete"), caller, "user.delete", true);
        bindings.deleteAllOf(Binding.Subject.user(user.id()));
        users.delete(user); // its tokens and team memberships go with it (foreign keys)
        grants.changed();
        audit.record(CallerAudit.entry(caller, "user.delete", null, user.username(), AuditEntry.Outcome.SUCCESS, null));
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<Void> setEnabled(UUID userId, boolean enabled, Authentication caller) {
        UserAccount user = guarded(notSelf(find(userId), caller, enabled ? "enable" : "disable"), caller,
                enabled ? "user.enable" : "user.disable", !enabled);
        aggregates.update(user.enabled(enabled));
        grants.changed();
        audit.record(CallerAudit.entry(caller, enabled ? "user.enable" : "user.disable", null, user.username(),
                AuditEntry.Outcome.SUCCESS, null));
        return ResponseEntity.noContent().build();
    }

    /**
     * Turning an account on or off is as strong as what it holds: the caller must hold every permission
     * the account's bindings grant, where they grant it (else re-enabling an admin would make anyone with
     * user.manage an admin), and no change may leave the console without an enabled global admin.
     */
    private UserAccount guarded(UserAccount user, Authentication caller, String action, boolean removes) {
        for (Grants.Held held : grants.of(user.id()).held()) {
            escalation.requireHolds(caller, held.permissions(), held.binding().scope(), action, user.username());
        }
        if (removes && !lastAdmin.remainsWithout(user.id(), java.util.Optional.empty())) {
            throw new ConflictException("userId", "this would leave no enabled user holding admin globally");
        }
        return user;
    }

    private UserAccount find(UUID userId) {
        return users.findById(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    private static UserAccount notSelf(UserAccount user, Authentication caller, String what) {
        if (AccessPolicy.user(caller).map(me -> me.id().equals(user.id())).orElse(false)) {
            throw new ConflictException("userId", "you cannot " + what + " your own account");
        }
        return user;
    }
}
