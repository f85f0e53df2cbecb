package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Making and showing tokens, for the API and the pages alike. A token is for its creator, or, made by a holder
 * of user.manage, for an automation account; either way it may be narrower than its owner, and never
 * carries more than its creator could grant.
 */
@Component
class Tokens {

    /**
     * @param permissions the permission keys the token may use; absent for all of its owner's
     * @param scopes where it may use them; absent for wherever its owner may
     * @param user the automation account the token is for (username or id); absent for the caller
     */
    record CreateToken(
            @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String name,
            @Min(1) @Max(365) Integer expiresInDays,
            @Size(min = 1, max = 50, message = "must list 1 to 50 permissions, or be left out for all") List<@NotBlank String> permissions,
            @Size(min = 1, max = 50, message = "must list 1 to 50 scopes, or be left out for all") List<AccessRequests.@NotNull @Valid ScopeRef> scopes,
            @Size(max = 100) String user) {

        static final CreateToken DEFAULT = new CreateToken(null, null, null, null, null);
    }

    /** The secret is in this answer and nowhere else, ever. */
    record CreatedToken(UUID id, String token, String owner, Instant expiresAt, List<String> permissions,
            List<AccessViews.ScopeView> scopes) {}

    /**
     * @param permissions what the token can use now: its list, within what its owner holds where it reaches
     * @param scopes the token's own scope limit; null when it reaches wherever its owner's bindings do
     */
    record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt, boolean narrowed,
            List<String> permissions, List<AccessViews.ScopeView> scopes) {}

    private final ApiTokenStore store;
    private final UserAccounts users;
    private final AccessGrants grants;
    private final AccessPolicy access;
    private final Escalation escalation;
    private final ScopeReader scopes;
    private final HostDirectory hosts;
    private final AuditTrail audit;

    Tokens(ApiTokenStore store, UserAccounts users, AccessGrants grants, AccessPolicy access, Escalation escalation,
            ScopeReader scopes, HostDirectory hosts, AuditTrail audit) {
        this.store = store;
        this.users = users;
        this.grants = grants;
        this.access = access;
        this.escalation = escalation;
        this.scopes = scopes;
        this.hosts = hosts;
        this.audit = audit;
    }

    CreatedToken create(CreateToken body, Authentication caller) {
        SignedInUser me = AccessPolicy.user(caller).orElseThrow();
        if (me.tokenId() != null) {
            // a leaked token must not be able to outlive its own expiry or revocation by minting more
            access.deny(caller, "token.create", null, null, "a token cannot create tokens; use your password (HTTP Basic) or the Account page");
        }
        UserAccount owner = body.user() == null || body.user().isBlank() ? account(me.id()) : automationAccount(body.user().strip(), caller);
        TokenLimits limits = new TokenLimits(permissions(body.permissions(), owner), scopes(body.scopes(), caller));
        if (owner.automation()) {
            requireCallerCouldGrant(owner, limits, caller);
        }
        String name = body.name() != null && !body.name().isBlank() ? body.name().strip() : "api";
        Duration lifetime = body.expiresInDays() != null ? Duration.ofDays(body.expiresInDays()) : null;
        ApiTokenStore.IssuedToken issued = store.issue(owner.id(), name, lifetime, limits);
        audit.record(CallerAudit.entry(caller, "token.create", null, issued.stored().id().toString(), AuditEntry.Outcome.SUCCESS,
                "name: " + name + (owner.id().equals(me.id()) ? "" : "; for " + owner.username())
                        + (limits.narrowed() ? "; " + describe(limits) : "")));
        TokenView view = view(issued.stored());
        return new CreatedToken(issued.stored().id(), issued.secret(), owner.username(), issued.stored().expiresAt(),
                view.permissions(), view.scopes());
    }

    /** The user's tokens, newest first. */
    List<TokenView> of(UUID userId) {
        return store.listOwn(userId).stream().map(this::view).toList();
    }

    UserAccount account(UUID userId) {
        return users.findById(userId).orElseThrow(() -> new NotFoundException("No user " + userId));
    }

    TokenView view(ApiToken token) {
        TokenLimits limits = token.limits();
        Grants owner = grants.of(token.userId());
        Set<Permission> usable = EnumSet.noneOf(Permission.class);
        if (owner.enabled()) {
            for (Grants.Held held : owner.held()) {
                if (limits.scopes() == null || limits.scopes().stream().anyMatch(s -> intersect(s, held.binding().scope()).isPresent())) {
                    held.permissions().stream().filter(limits::permits).forEach(usable::add);
                }
            }
        }
        return new TokenView(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt(), limits.narrowed(),
                usable.stream().map(Permission::key).sorted().toList(),
                limits.scopes() == null ? null : limits.scopes().stream().map(Tokens::scopeView).toList());
    }

    private UserAccount automationAccount(String user, Authentication caller) {
        access.require(caller, Permission.USER_MANAGE, HostScope.none());
        Optional<UserAccount> found = users.findByUsername(user).or(() -> Ids.uuid(user).flatMap(users::findById));
        if (found.isEmpty()) {
            throw new InvalidInputException("user", "no user '" + user + "'");
        }
        if (!found.get().automation()) {
            throw new InvalidInputException("user", "tokens are made only for yourself or for an automation account; '"
                    + found.get().username() + "' signs in and makes their own");
        }
        if (!found.get().enabled()) {
            throw new ConflictException("user", "'" + found.get().username() + "' is disabled; enable it first");
        }
        return found.get();
    }

    private Set<Permission> permissions(List<String> keys, UserAccount owner) {
        if (keys == null) {
            return null;
        }
        Set<Permission> listed = EnumSet.noneOf(Permission.class);
        Grants held = grants.of(owner.id());
        for (String key : keys) {
            Permission permission = Permission.fromKey(key.strip())
                    .orElseThrow(() -> new InvalidInputException("permissions", "no permission '" + key + "'"));
            if (!held.allowsSomewhere(permission)) {
                throw new InvalidInputException("permissions", owner.username() + " holds " + permission.key() + " nowhere");
            }
            listed.add(permission);
        }
        return listed;
    }

    private List<Scope> scopes(List<AccessRequests.ScopeRef> refs, Authentication caller) {
        if (refs == null) {
            return null;
        }
        List<Scope> read = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            read.add(scopes.read(refs.get(i), caller, "scopes[" + i + "]"));
        }
        return read;
    }

    /**
     * A token for an automation account acts as that account, so making one grants what the token carries:
     * the caller must hold each of those permissions wherever the token can use it.
     */
    private void requireCallerCouldGrant(UserAccount owner, TokenLimits limits, Authentication caller) {
        for (Grants.Held held : grants.of(owner.id()).held()) {
            List<Permission> carried = held.permissions().stream().filter(limits::permits).toList();
            List<Scope> reach = limits.scopes() == null ? List.of(held.binding().scope())
                    : limits.scopes().stream().map(s -> intersect(s, held.binding().scope())).flatMap(Optional::stream).toList();
            for (Scope where : reach) {
                escalation.requireHolds(caller, carried, where, "token.create", owner.username());
            }
        }
    }

    /** Where both scopes reach, if anywhere: the narrower of the two. */
    private Optional<Scope> intersect(Scope a, Scope b) {
        if (a.type() == Scope.Type.GLOBAL) {
            return Optional.of(b);
        }
        if (b.type() == Scope.Type.GLOBAL || a.equals(b)) {
            return Optional.of(a);
        }
        if (a.type() == b.type()) {
            return Optional.empty();
        }
        Scope host = a.type() == Scope.Type.HOST ? a : b;
        Scope group = a.type() == Scope.Type.GROUP ? a : b;
        return hosts.scopeOf(UUID.fromString(host.id())).filter(h -> group.id().equals(h.group())).map(h -> host);
    }

    private static String describe(TokenLimits limits) {
        return "permissions: " + (limits.permissions() == null ? "all" : String.join(" ", limits.permissionKeys()))
                + "; scopes: " + (limits.scopes() == null ? "all" : limits.storedScopes());
    }

    private static AccessViews.ScopeView scopeView(Scope scope) {
        return new AccessViews.ScopeView(scope.type().apiName(), scope.id());
    }

}
