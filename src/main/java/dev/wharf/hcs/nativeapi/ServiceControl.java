package dev.wharf.hcs.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The few {@code advapi32} calls behind host facts: the service control manager (is vmcompute, hns,
 * docker, containerd running?) and one registry read (which Windows, which build). Our own minimal
 * interface with explicit UTF-16 strings; failures set the thread's last error ({@code Native.getLastError()}).
 */
public interface ServiceControl extends Library {

    int SC_MANAGER_CONNECT = 0x0001;
    int SERVICE_QUERY_STATUS = 0x0004;
    int ERROR_SERVICE_DOES_NOT_EXIST = 1060;
    /** {@code SERVICE_STATUS}: seven DWORDs; the current state is the second. */
    int SERVICE_STATUS_BYTES = 28;
    int CURRENT_STATE_OFFSET = 4;
    /** {@code HKEY_LOCAL_MACHINE}: (HKEY)(ULONG_PTR)(LONG)0x80000002, sign-extended to pointer width. */
    Pointer HKEY_LOCAL_MACHINE = new Pointer((long) (int) 0x80000002);
    int RRF_RT_REG_SZ = 0x00000002;
    int RRF_RT_REG_DWORD = 0x00000010;
    int ERROR_MORE_DATA = 234;

    Pointer OpenSCManagerW(Pointer machineName, Pointer databaseName, int desiredAccess);

    Pointer OpenServiceW(Pointer manager, Pointer serviceName, int desiredAccess);

    boolean QueryServiceStatus(Pointer service, Pointer status);

    boolean CloseServiceHandle(Pointer handle);

    /** Returns a Win32 error code (0 = success), not an HRESULT. */
    int RegGetValueW(Pointer key, Pointer subKey, Pointer valueName, int flags, IntByReference type, Pointer data,
            IntByReference dataBytes);
}
