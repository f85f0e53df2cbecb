package dev.wharf.hcs.nativeapi;

/**
 * HRESULTs Wharf tells apart. HCS reports one condition in two forms (computecore's 0x8037xxxx and
 * vmcompute's 0xC037xxxx), and Win32 errors wrapped as 0x8007xxxx, so conditions are compared on the
 * code alone.
 */
public final class HResult {

    public static final int S_OK = 0;
    public static final int E_INVALIDARG = 0x80070057;
    public static final int E_NOTIMPL = 0x80004001;
    public static final int ACCESS_DENIED_WIN32 = 0x80070005;
    public static final int ELEMENT_NOT_FOUND = 0x80070490;

    public static final int HCS_E_IMAGE_MISMATCH = 0x80370101;
    public static final int HCS_E_INVALID_STATE = 0x80370105;
    public static final int HCS_E_INVALID_JSON = 0x8037010D;
    public static final int HCS_E_SYSTEM_NOT_FOUND = 0x8037010E;
    public static final int HCS_E_SYSTEM_ALREADY_EXISTS = 0x8037010F;
    public static final int HCS_E_SYSTEM_ALREADY_STOPPED = 0x80370110;
    public static final int HCS_E_SERVICE_NOT_AVAILABLE = 0x80370114;
    public static final int HCS_E_OPERATION_NOT_STARTED = 0x80370115;
    public static final int HCS_E_OPERATION_ALREADY_STARTED = 0x80370116;
    public static final int HCS_E_OPERATION_PENDING = 0x80370117;
    public static final int HCS_E_OPERATION_TIMEOUT = 0x80370118;
    public static final int HCS_E_CALLBACK_ALREADY_SET = 0x80370119;
    public static final int HCS_E_ACCESS_DENIED = 0x8037011B;
    public static final int HCS_E_SERVICE_DISCONNECT = 0x8037011E;

    public static final int HCN_E_NETWORK_NOT_FOUND = 0x803B0001;
    public static final int HCN_E_ENDPOINT_NOT_FOUND = 0x803B0002;
    public static final int HCN_E_INVALID_NETWORK_TYPE = 0x803B000B;
    public static final int HCN_E_NETWORK_ALREADY_EXISTS = 0x803B0010;
    public static final int HCN_E_INVALID_JSON = 0x803B001B;
    public static final int HCN_E_INVALID_IP = 0x803B001E;
    public static final int HCN_E_ENTITY_HAS_REFERENCES = 0x803B002C;

    private HResult() {}

    public static boolean failed(int hresult) {
        return hresult < 0;
    }

    /** Whether {@code hresult} is {@code expected} in either HCS form (0x8037xxxx or 0xC037xxxx). */
    public static boolean is(int hresult, int expected) {
        if (hresult == expected) {
            return true;
        }
        boolean bothHcs = (hresult & 0x0FFF0000) == 0x00370000 && (expected & 0x0FFF0000) == 0x00370000;
        return bothHcs && (hresult & 0xFFFF) == (expected & 0xFFFF);
    }

    public static String hex(int hresult) {
        return String.format("0x%08X", hresult);
    }
}
