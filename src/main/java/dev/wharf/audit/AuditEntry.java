package dev.wharf.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * One thing somebody did or was refused.
 *
 * @param actor the username, or {@code system} for what the console does on its own
 * @param tokenId the API token used, null for a browser session or the console itself
 * @param action what was attempted, as {@code <resource>.<verb>} ({@code token.create}, {@code container.stop})
 * @param hostId the host it concerned, if any
 * @param resource the resource's id or name, if any
 * @param detail a short free-text note; never secrets
 */
public record AuditEntry(String actor, UUID tokenId, String action, UUID hostId, String resource,
        Outcome outcome, String detail) {

    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    public enum Outcome { SUCCESS, FAILURE, DENIED }
}
