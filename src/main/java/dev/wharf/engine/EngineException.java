package dev.wharf.engine;

import java.util.Optional;
import java.util.UUID;

/**
 * A failure an engine reported, as a value with meaning. The web layer maps each kind to one HTTP
 * status and problem type, so no caller ever parses a message. Messages name the host and the cause
 * and are safe to show: they never hold secrets.
 */
public abstract sealed class EngineException extends RuntimeException {

    private final UUID hostId;
    private final Integer hresult;

    private EngineException(String message, UUID hostId, Integer hresult, Throwable cause) {
        super(message, cause);
        this.hostId = hostId;
        this.hresult = hresult;
    }

    /** The host that failed, when known. */
    public Optional<UUID> hostId() {
        return Optional.ofNullable(hostId);
    }

    /** The HCS/HCN HRESULT, for adapters that must tell one condition from another. */
    public Optional<Integer> hresult() {
        return Optional.ofNullable(hresult);
    }

    /** The HCS/HCN HRESULT as Windows tools print it, e.g. {@code 0x8037010E}, for HCS failures. */
    public Optional<String> hresultHex() {
        return Optional.ofNullable(hresult).map(h -> String.format("0x%08X", h));
    }

    /** The container, image or switch does not exist on that host: 404. */
    public static final class NotFound extends EngineException {
        public NotFound(String message, UUID hostId) {
            super(message, hostId, null, null);
        }

        public NotFound(String message, UUID hostId, int hresult) {
            super(message, hostId, hresult, null);
        }
    }

    /** The resource is in the wrong state for the action, or the name is taken: 409. */
    public static final class Conflict extends EngineException {
        public Conflict(String message, UUID hostId, Throwable cause) {
            super(message, hostId, null, cause);
        }

        public Conflict(String message, UUID hostId, int hresult) {
            super(message, hostId, hresult, null);
        }
    }

    /** The engine refused the request as invalid (a bad signal name, a malformed reference): 400. */
    public static final class Rejected extends EngineException {
        public Rejected(String message, UUID hostId, Throwable cause) {
            super(message, hostId, null, cause);
        }

        public Rejected(String message, UUID hostId) {
            super(message, hostId, null, null);
        }

        public Rejected(String message, UUID hostId, int hresult) {
            super(message, hostId, hresult, null);
        }
    }

    /** The host's kind cannot do this at all: 501. */
    public static final class Unsupported extends EngineException {
        public Unsupported(String message) {
            super(message, null, null, null);
        }
    }

    /** The engine cannot be reached, refused the connection, failed TLS, or failed inside: 502. */
    public static final class Unavailable extends EngineException {
        public Unavailable(String message, UUID hostId, Throwable cause) {
            super(message, hostId, null, cause);
        }
    }

    /** The engine did not answer in time: 504. */
    public static final class Timeout extends EngineException {
        public Timeout(String message, UUID hostId, Throwable cause) {
            super(message, hostId, null, cause);
        }

        public Timeout(String message, UUID hostId, int hresult) {
            super(message, hostId, hresult, null);
        }
    }

    /** HCS or HCN failed with an HRESULT that has no more specific meaning: 502 {@code hcs-error}. */
    public static final class HcsError extends EngineException {
        public HcsError(String message, UUID hostId, int hresult) {
            super(message, hostId, hresult, null);
        }
    }
}
