package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Sign-ins and sign-outs in the audit trail: {@code session.sign-in} (success, or denied with the reason)
 * and {@code session.sign-out}. A refused sign-in names the account as typed, since no account may match it.
 */
@Component
class SignInAudit {

    static final String FORM = "sign-in form";
    static final String BASIC = "HTTP Basic, to create a token";

    private final AuditTrail audit;

    SignInAudit(AuditTrail audit) {
        this.audit = audit;
    }

    void succeeded(String username, String how) {
        record(username, AuditEntry.Outcome.SUCCESS, how);
    }

    void failed(String username, String how, AuthenticationException e) {
        record(username, AuditEntry.Outcome.DENIED, how + ": "
                + (e instanceof DisabledException ? "the account is disabled" : "wrong username or password"));
    }

    void throttled(String username, String how) {
        record(username, AuditEntry.Outcome.DENIED, how + ": too many failed sign-ins from this address; not checked");
    }

    void signedOut(Authentication who) {
        if (who != null) {
            audit.record(CallerAudit.entry(who, "session.sign-out", null, null, AuditEntry.Outcome.SUCCESS, null));
        }
    }

    private void record(String username, AuditEntry.Outcome outcome, String detail) {
        String actor = username == null || username.isBlank() ? "anonymous" : username; // the trail clips it
        audit.record(new AuditEntry(actor, null, "session.sign-in", null, null, outcome, detail));
    }
}
