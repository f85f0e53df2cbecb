package dev.wharf.access;

import dev.wharf.web.SignedIn;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/access?user=&host=}: what a user may do there, and which binding grants each permission. */
@RestController
class EffectiveAccessController {

    private final EffectiveAccess access;

    EffectiveAccessController(EffectiveAccess access) {
        this.access = access;
    }

    @SignedIn("everyone sees their own access; another user's needs user.manage globally or being their team's admin (the handler checks)")
    @GetMapping("/api/v1/access")
    EffectiveAccess.View of(@RequestParam(required = false) String user, @RequestParam(required = false) String host,
            Authentication caller) {
        return access.of(user, host, caller);
    }
}
