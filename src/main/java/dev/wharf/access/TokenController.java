package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import dev.wharf.web.SignedIn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens. {@code POST /api/v1/auth/tokens} is the one endpoint that takes HTTP Basic, so a pipeline can
 * trade a password for a token once; it also makes tokens for automation accounts, which have no password.
 * Holders of user.manage see and revoke anyone's tokens under {@code /api/v1/users/{userId}/tokens}.
 */
@RestController
class TokenController {

    private final Tokens tokens;
    private final ApiTokenStore store;
    private final AuditTrail audit;
    private final AccessGrants grants;
    private final AccessPolicy access;

    TokenController(Tokens tokens, ApiTokenStore store, AuditTrail audit, AccessGrants grants, AccessPolicy access) {
        this.access = access;
        this.tokens = tokens;
        this.store = store;
        this.audit = audit;
        this.grants = grants;
    }

    @SignedIn("a user creates tokens for themselves; for an automation account the handler requires user.manage globally")
    @PostMapping(ApiAuthenticationFilter.TOKEN_CREATION_PATH)
    ResponseEntity<Tokens.CreatedToken> create(@RequestBody(required = false) @Valid Tokens.CreateToken body, Authentication caller) {
        Tokens.CreatedToken created = tokens.create(body == null ? Tokens.CreateToken.DEFAULT : body, caller);
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + created.id())).body(created);
    }

    @SignedIn("the caller's own tokens")
    @GetMapping("/api/v1/tokens")
    PageOf<Tokens.TokenView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        return PageOf.slice(tokens.of(owner(caller).id()), page, size);
    }

    @SignedIn("the caller's own tokens")
    @GetMapping("/api/v1/tokens/{tokenId}")
    Tokens.TokenView get(@PathVariable UUID tokenId, Authentication caller) {
        return tokens.of(owner(caller).id()).stream().filter(t -> t.id().equals(tokenId)).findFirst()
                .orElseThrow(() -> notFound(owner(caller).id(), tokenId, "token.read", caller));
    }

    @SignedIn("the caller's own tokens")
    @DeleteMapping("/api/v1/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable UUID tokenId, Authentication caller) {
        revoke(owner(caller).id(), tokenId, caller);
        return ResponseEntity.noContent().build();
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/api/v1/users/{userId}/tokens")
    PageOf<Tokens.TokenView> listOf(@PathVariable UUID userId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        return PageOf.slice(tokens.of(tokens.account(userId).id()), page, size);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @DeleteMapping("/api/v1/users/{userId}/tokens/{tokenId}")
    ResponseEntity<Void> revokeOf(@PathVariable UUID userId, @PathVariable UUID tokenId, Authentication caller) {
        revoke(tokens.account(userId).id(), tokenId, caller);
        return ResponseEntity.noContent().build();
    }

    void revoke(UUID ownerId, UUID tokenId, Authentication caller) {
        if (!store.revokeOwn(ownerId, tokenId)) {
            throw notFound(ownerId, tokenId, "token.revoke", caller);
        }
        grants.changed(); // streams opened with this token end
        audit.record(CallerAudit.entry(caller, "token.revoke", null, tokenId.toString(), AuditEntry.Outcome.SUCCESS, null));
    }

    /** Another user's token is answered like one that does not exist, and the attempt is recorded. */
    private NotFoundException notFound(UUID ownerId, UUID tokenId, String action, Authentication caller) {
        if (store.belongsToAnother(ownerId, tokenId)) {
            access.recordDenial(caller, action, null, tokenId.toString(), "not a token of this user");
        }
        return new NotFoundException("No token " + tokenId);
    }

    private static SignedInUser owner(Authentication caller) {
        return (SignedInUser) caller.getPrincipal();
    }
}
