package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import dev.wharf.web.SignedIn;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens of the caller. {@code POST /api/v1/auth/tokens} is the one endpoint that takes HTTP Basic,
 * so a pipeline can trade a password for a token once.
 */
@RestController
class TokenController {

    private final ApiTokenStore tokens;
    private final AuditTrail audit;
    private final AccessGrants grants;

    TokenController(ApiTokenStore tokens, AuditTrail audit, AccessGrants grants) {
        this.tokens = tokens;
        this.audit = audit;
        this.grants = grants;
    }

    /** Optional body of a token request. */
    record CreateTokenRequest(
            @Size(max = 100) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String name,
            @Min(1) @Max(365) Integer expiresInDays) {}

    record CreatedToken(UUID id, String token, Instant expiresAt) {}

    record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt());
        }
    }

    @SignedIn("a user creates tokens for themselves")
    @PostMapping(ApiAuthenticationFilter.TOKEN_CREATION_PATH)
    ResponseEntity<CreatedToken> create(@RequestBody(required = false) @Valid CreateTokenRequest body,
            Authentication caller) {
        SignedInUser user = (SignedInUser) caller.getPrincipal();
        if (user.tokenId() != null) {
            // a leaked token must not be able to outlive its own expiry or revocation by minting more
            audit.record(CallerAudit.entry(caller, "token.create", null, null, AuditEntry.Outcome.DENIED, "a token cannot create tokens"));
            throw new AccessDeniedException("Create tokens with your password (HTTP Basic), not with another token");
        }
        String name = body != null && body.name() != null && !body.name().isBlank() ? body.name().strip() : "api";
        Duration lifetime = body != null && body.expiresInDays() != null ? Duration.ofDays(body.expiresInDays()) : null;
        ApiTokenStore.IssuedToken issued = tokens.issue(user.id(), name, lifetime);
        audit.record(CallerAudit.entry(caller, "token.create", null, issued.stored().id().toString(),
                AuditEntry.Outcome.SUCCESS, "name: " + name));
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + issued.stored().id()))
                .body(new CreatedToken(issued.stored().id(), issued.secret(), issued.stored().expiresAt()));
    }

    @SignedIn("the caller's own tokens")
    @GetMapping("/api/v1/tokens")
    PageOf<TokenView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        return PageOf.slice(tokens.listOwn(owner(caller).id()).stream().map(TokenView::of).toList(), page, size);
    }

    @SignedIn("the caller's own tokens")
    @GetMapping("/api/v1/tokens/{tokenId}")
    TokenView get(@PathVariable UUID tokenId, Authentication caller) {
        return tokens.findOwn(owner(caller).id(), tokenId).map(TokenView::of)
                .orElseThrow(() -> new NotFoundException("No token " + tokenId));
    }

    @SignedIn("the caller's own tokens")
    @DeleteMapping("/api/v1/tokens/{tokenId}")
    ResponseEntity<Void> revoke(@PathVariable UUID tokenId, Authentication caller) {
        SignedInUser user = owner(caller);
        if (!tokens.revokeOwn(user.id(), tokenId)) {
            throw new NotFoundException("No token " + tokenId);
        }
        grants.changed(); // streams opened with this token end
        audit.record(CallerAudit.entry(caller, "token.revoke", null, tokenId.toString(), AuditEntry.Outcome.SUCCESS, null));
        return ResponseEntity.noContent().build();
    }

    private static SignedInUser owner(Authentication caller) {
        return (SignedInUser) caller.getPrincipal();
    }
}
