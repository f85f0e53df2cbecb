package dev.wharf.hcs.nativeapi;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@code computecore.dll}, the Host Compute Service's documented API (Windows Server 2019 / Windows 10
 * 1809 and later), binding only what Wharf calls. Strings are {@link Utf16} buffers, never
 * {@code WString} (4 bytes wide off Windows); handles are opaque pointers; every result document is
 * freed with {@code kernel32!LocalFree} ({@link LocalMemory}). Loaded only through {@link HcsLibraries}.
 */
public interface ComputeCore extends Library {

    /** {@code HCS_OPERATION_COMPLETION}: called on an HCS thread when an operation ends. */
    interface OperationCompletion extends Callback {
        void invoke(Pointer operation, Pointer context);
    }

    /**
     * {@code HCS_EVENT_CALLBACK}: called on an HCS thread. {@code event} points at {@code HCS_EVENT}
     * (int32 type at 0, {@code PCWSTR} data at 8), valid only during the call.
     */
    interface EventCallback extends Callback {
        void invoke(Pointer event, Pointer context);
    }

    Pointer HcsCreateOperation(Pointer context, OperationCompletion completion);

    void HcsCloseOperation(Pointer operation);

    int HcsWaitForOperationResult(Pointer operation, int timeoutMs, PointerByReference resultDocument);

    int HcsGetOperationResult(Pointer operation, PointerByReference resultDocument);

    int HcsEnumerateComputeSystems(Pointer query, Pointer operation);

    /** Used by tests to seed the stand-in; Wharf itself does not create compute systems. */
    int HcsCreateComputeSystem(Pointer id, Pointer configuration, Pointer operation, Pointer securityDescriptor,
            PointerByReference computeSystem);

    int HcsOpenComputeSystem(Pointer id, int requestedAccess, PointerByReference computeSystem);

    int HcsGetComputeSystemProperties(Pointer computeSystem, Pointer operation, Pointer propertyQuery);

    int HcsStartComputeSystem(Pointer computeSystem, Pointer operation, Pointer options);

    /** Capital D, as computecore exports it (vmcompute's v1 name has a lower-case d). */
    int HcsShutDownComputeSystem(Pointer computeSystem, Pointer operation, Pointer options);

    int HcsTerminateComputeSystem(Pointer computeSystem, Pointer operation, Pointer options);

    int HcsPauseComputeSystem(Pointer computeSystem, Pointer operation, Pointer options);

    int HcsResumeComputeSystem(Pointer computeSystem, Pointer operation, Pointer options);

    /** Synchronous: waits until the system has exited (its {@code SystemExitStatus} in {@code result}) or the timeout passes. */
    int HcsWaitForComputeSystemExit(Pointer computeSystem, int timeoutMs, PointerByReference result);

    int HcsSetComputeSystemCallback(Pointer computeSystem, int callbackOptions, Pointer context, EventCallback callback);

    void HcsCloseComputeSystem(Pointer computeSystem);

    int HcsGetServiceProperties(Pointer propertyQuery, PointerByReference result);
}
