package dev.wharf.hcs;

import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.hcs.nativeapi.HResult;

/**
 * What an HRESULT from HCS means to a user, and how the API answers it: not found 404, invalid state
 * or already stopped 409, timeout 504, access denied, OS mismatch and anything else 502
 * {@code hcs-error}. Each carries the HRESULT so the problem shows it in hex.
 */
enum HcsFailure {
    NOT_FOUND("does not exist (HCS forgets a compute system once it stops)"),
    INVALID_STATE("is not in a state that allows this"),
    ALREADY_STOPPED("has already stopped"),
    TIMEOUT("did not finish within the operation timeout"),
    ACCESS_DENIED("was refused: the console's account must be an Administrator or in 'Hyper-V Administrators'"),
    IMAGE_MISMATCH("failed: the container's operating system does not match the host's"),
    OTHER("failed");

    private final String meaning;

    HcsFailure(String meaning) {
        this.meaning = meaning;
    }

    static HcsFailure of(int hresult) {
        if (HResult.is(hresult, HResult.HCS_E_SYSTEM_NOT_FOUND) || hresult == HResult.ELEMENT_NOT_FOUND) {
            return NOT_FOUND;
        } else if (HResult.is(hresult, HResult.HCS_E_INVALID_STATE)) {
            return INVALID_STATE;
        } else if (HResult.is(hresult, HResult.HCS_E_SYSTEM_ALREADY_STOPPED)) {
            return ALREADY_STOPPED;
        } else if (HResult.is(hresult, HResult.HCS_E_OPERATION_TIMEOUT)) {
            return TIMEOUT;
        } else if (HResult.is(hresult, HResult.HCS_E_ACCESS_DENIED) || hresult == HResult.ACCESS_DENIED_WIN32) {
            return ACCESS_DENIED;
        } else if (HResult.is(hresult, HResult.HCS_E_IMAGE_MISMATCH)) {
            return IMAGE_MISMATCH;
        }
        return OTHER;
    }

    /**
     * The exception for a failed call.
     *
     * @param what the call, as in "stop compute system 'web-1'"
     * @param detail HCS's own message from the result document, or null
     */
    static EngineException exception(EngineTarget target, String what, int hresult, String detail) {
        HcsFailure failure = of(hresult);
        String message = "HCS on host '" + target.name() + "': " + what + " " + failure.meaning + " ("
                + HResult.hex(hresult) + ")" + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return switch (failure) {
            case NOT_FOUND -> new EngineException.NotFound(message, target.hostId(), hresult);
            case INVALID_STATE, ALREADY_STOPPED -> new EngineException.Conflict(message, target.hostId(), hresult);
            case TIMEOUT -> new EngineException.Timeout(message, target.hostId(), hresult);
            case ACCESS_DENIED, IMAGE_MISMATCH, OTHER -> new EngineException.HcsError(message, target.hostId(), hresult);
        };
    }

    /** For the host's executor: what a call threw, as an engine failure. */
    static EngineException unexpected(Throwable failure, EngineTarget target) {
        if (failure instanceof EngineException known) {
            return known;
        }
        return new EngineException.Unavailable("HCS on host '" + target.name() + "' failed inside the console: "
                + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                target.hostId(), failure);
    }
}
