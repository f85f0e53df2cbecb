package dev.wharf.engine;

/**
 * A failure an engine reported, as a value with meaning. The web layer maps each kind to one HTTP
 * status and problem type, so no caller ever parses a message.
 */
public abstract sealed class EngineException extends RuntimeException {

    private EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The container, image or switch does not exist on that host. */
    public static final class NotFound extends EngineException {
        public NotFound(String message) {
            super(message, null);
        }
    }

    /** The resource is in the wrong state for the action, or the name is taken. */
    public static final class Conflict extends EngineException {
        public Conflict(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The host's kind cannot do this at all. */
    public static final class Unsupported extends EngineException {
        public Unsupported(String message) {
            super(message, null);
        }
    }

    /** The engine cannot be reached, refused the connection, or failed TLS. */
    public static final class Unavailable extends EngineException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The engine did not answer in time. */
    public static final class Timeout extends EngineException {
        public Timeout(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** HCS or HCN failed with an HRESULT that has no more specific meaning. */
    public static final class HcsError extends EngineException {
        private final int hresult;

        public HcsError(String message, int hresult) {
            super(message, null);
            this.hresult = hresult;
        }

        public int hresult() {
            return hresult;
        }

        /** The HRESULT as Windows tools print it, e.g. {@code 0x8037010E}. */
        public String hresultHex() {
            return String.format("0x%08X", hresult);
        }
    }
}
