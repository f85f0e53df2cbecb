package dev.wharf.hcs;

import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.hcs.nativeapi.HResult;
import java.util.Set;

/**
 * What an HRESULT from HCS or HCN means to a user, and how the API answers it: not found 404, invalid
 * state, already stopped, already exists or still in use 409, a request HCN refuses as invalid 400,
 * timeout 504, access denied, OS mismatch and anything else 502 {@code hcs-error}. Each carries the
 * HRESULT so the problem shows it in hex.
 */
enum HcsFailure {
    NOT_FOUND("does not exist"),
    INVALID_STATE("is not in a state that allows this"),
    ALREADY_STOPPED("has already stopped"),
    ALREADY_EXISTS("already exists"),
    IN_USE("is still in use (endpoints are attached to it)"),
    INVALID_REQUEST("was refused as invalid"),
    TIMEOUT("did not finish within the operation timeout"),
    ACCESS_DENIED("was refused: access denied (the console's account must be an Administrator or in 'Hyper-V Administrators')"),
    IMAGE_MISMATCH("failed: the container's operating system does not match the host's"),
    SERVICE_DOWN("failed: the Windows service behind it (vmcompute for HCS, hns for HCN) is not available"),
    OTHER("failed");

    /** HCN codes that mean the request itself was wrong: an unknown type or adapter, a bad policy, address or document. */
    private static final Set<Integer> HCN_INVALID = Set.of(HResult.HCN_E_INVALID_NETWORK_TYPE, HResult.HCN_E_INVALID_JSON,
            HResult.HCN_E_INVALID_IP, 0x803B0006 /* adapter not found */, 0x803B000A /* invalid network */,
            0x803B000D /* invalid policy */, 0x803B000E /* invalid policy type */, 0x803B0015 /* request unsupported */);
    /** RPC server unavailable: the service process is gone. */
    private static final int RPC_UNAVAILABLE = 0x800706BA;

    private final String meaning;

    HcsFailure(String meaning) {
        this.meaning = meaning;
    }

    static HcsFailure of(int hresult) {
        if (HResult.is(hresult, HResult.HCS_E_SYSTEM_NOT_FOUND) || hresult == HResult.ELEMENT_NOT_FOUND
                || hresult == HResult.HCN_E_NETWORK_NOT_FOUND || hresult == HResult.HCN_E_ENDPOINT_NOT_FOUND) {
            return NOT_FOUND;
        } else if (HResult.is(hresult, HResult.HCS_E_SYSTEM_ALREADY_EXISTS) || hresult == HResult.HCN_E_NETWORK_ALREADY_EXISTS) {
            return ALREADY_EXISTS;
        } else if (hresult == HResult.HCN_E_ENTITY_HAS_REFERENCES) {
            return IN_USE;
        } else if (HCN_INVALID.contains(hresult)) {
            return INVALID_REQUEST;
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
        } else if (HResult.is(hresult, HResult.HCS_E_SERVICE_NOT_AVAILABLE) || HResult.is(hresult, HResult.HCS_E_SERVICE_DISCONNECT)
                || hresult == RPC_UNAVAILABLE) {
            return SERVICE_DOWN;
        }
        return OTHER;
    }

    /**
     * The exception for a failed HCS call.
     *
     * @param what the call, as in "stop compute system 'web-1'"
     * @param detail HCS's own message from the result document, or null
     */
    static EngineException exception(EngineTarget target, String what, int hresult, String detail) {
        return exception("HCS", target, what, hresult, detail);
    }

    /** The same for HCN (networks, endpoints, namespaces). */
    static EngineException network(EngineTarget target, String what, int hresult, String detail) {
        return exception("HCN", target, what, hresult, detail);
    }

    /** Whether a failure says the system is no longer running: already stopped, or gone since it was opened. */
    static boolean stopped(EngineException e) {
        HcsFailure failure = e.hresult().map(HcsFailure::of).orElse(OTHER);
        return failure == ALREADY_STOPPED || failure == NOT_FOUND;
    }

    private static EngineException exception(String service, EngineTarget target, String what, int hresult, String detail) {
        HcsFailure failure = of(hresult);
        String meaning = failure == NOT_FOUND && service.equals("HCS")
                ? failure.meaning + " (HCS forgets a compute system once it stops)" : failure.meaning;
        String message = service + " on host '" + target.name() + "': " + what + " " + meaning + " ("
                + HResult.hex(hresult) + ")" + (detail == null || detail.isBlank() ? "" : ": " + detail);
        return switch (failure) {
            case NOT_FOUND -> new EngineException.NotFound(message, target.hostId(), hresult);
            case INVALID_STATE, ALREADY_STOPPED, ALREADY_EXISTS, IN_USE -> new EngineException.Conflict(message, target.hostId(), hresult);
            case INVALID_REQUEST -> new EngineException.Rejected(message, target.hostId(), hresult);
            case TIMEOUT -> new EngineException.Timeout(message, target.hostId(), hresult);
            case ACCESS_DENIED, IMAGE_MISMATCH, SERVICE_DOWN, OTHER -> new EngineException.HcsError(message, target.hostId(), hresult);
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
