package dev.wharf.access;

import dev.wharf.web.SignedIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/me}: who the caller is, and their own password. */
@RestController
class AccountController {

    private final OwnAccount account;

    AccountController(OwnAccount account) {
        this.account = account;
    }

    /** @param tokenId the token this request came with; null for a session */
    record Me(AccessViews.UserView user, UUID tokenId) {}

    @SignedIn("anyone may ask who they are")
    @GetMapping("/api/v1/me")
    Me me(Authentication caller) {
        return new Me(AccessViews.UserView.of(account.of(caller)), AccessPolicy.user(caller).orElseThrow().tokenId());
    }

    @SignedIn("everyone changes their own password, proving it with the current one")
    @PostMapping("/api/v1/me/password")
    ResponseEntity<Void> changePassword(@RequestBody @Valid AccessRequests.ChangePassword body, Authentication caller,
            HttpServletRequest request) {
        account.changePassword(body, caller, request);
        return ResponseEntity.noContent().build();
    }
}
