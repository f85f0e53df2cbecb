package dev.wharf.hcs;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.hcs.nativeapi.ComputeCore;
import dev.wharf.hcs.nativeapi.HResult;
import dev.wharf.hcs.nativeapi.HcsLibraries;
import dev.wharf.hcs.nativeapi.Utf16;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * computecore calls for one host, each in hcsshim's pattern: a fresh operation per call, HCS told how
 * long it may take (so nothing is abandoned while it still uses our memory), every result document
 * freed with LocalFree and every handle closed, whatever happens. Blocking: run it on the host's executor.
 */
final class HcsClient {

    /** {@code GENERIC_ALL}: the only access HcsOpenComputeSystem accepts. */
    private static final int GENERIC_ALL = 0x10000000;

    private final HcsLibraries libraries;
    private final ComputeCore api;
    private final EngineTarget target;

    HcsClient(HcsLibraries libraries, EngineTarget target) {
        this.libraries = libraries;
        this.api = libraries.computeCore();
        this.target = target;
    }

    /** The JSON array of every compute system HCS knows (running, paused or created). */
    String enumerate(Duration timeout) {
        Memory query = Utf16.of("{}");
        return run("list compute systems", timeout, operation -> api.HcsEnumerateComputeSystems(query, operation));
    }

    /** Opens a compute system by id; close the handle with {@link #close(Pointer)}. */
    Pointer open(String id) {
        PointerByReference handle = new PointerByReference();
        int hresult = api.HcsOpenComputeSystem(Utf16.of(id), GENERIC_ALL, handle);
        if (HResult.failed(hresult)) {
            throw HcsFailure.exception(target, "compute system '" + id + "'", hresult, null);
        }
        return handle.getValue();
    }

    void close(Pointer system) {
        api.HcsCloseComputeSystem(system);
    }

    /** Runs {@code work} on an open handle of the system, and closes the handle after. */
    <T> T withSystem(String id, Function<Pointer, T> work) {
        Pointer system = open(id);
        try {
            return work.apply(system);
        } finally {
            close(system);
        }
    }

    String properties(Pointer system, String id, String query, Duration timeout) {
        Memory utf16Query = Utf16.of(query);
        return run("read compute system '" + id + "'", timeout,
                operation -> api.HcsGetComputeSystemProperties(system, operation, utf16Query));
    }

    void start(Pointer system, String id, Duration timeout) {
        run("start compute system '" + id + "'", timeout, operation -> api.HcsStartComputeSystem(system, operation, null));
    }

    void shutDown(Pointer system, String id, Duration timeout) {
        run("shut down compute system '" + id + "'", timeout,
                operation -> api.HcsShutDownComputeSystem(system, operation, null));
    }

    void terminate(Pointer system, String id, Duration timeout) {
        run("terminate compute system '" + id + "'", timeout,
                operation -> api.HcsTerminateComputeSystem(system, operation, null));
    }

    void pause(Pointer system, String id, Duration timeout) {
        run("pause compute system '" + id + "'", timeout, operation -> api.HcsPauseComputeSystem(system, operation, null));
    }

    void resume(Pointer system, String id, Duration timeout) {
        run("resume compute system '" + id + "'", timeout, operation -> api.HcsResumeComputeSystem(system, operation, null));
    }

    /**
     * Waits until the system has exited, at most {@code timeout}: a shutdown operation may finish before
     * the guest has actually stopped. Answers false when it is still running after {@code timeout}.
     */
    boolean waitForExit(Pointer system, String id, Duration timeout) {
        PointerByReference result = new PointerByReference();
        int hresult = api.HcsWaitForComputeSystemExit(system, waitMillis(timeout), result);
        String document = take(result);
        if (HResult.is(hresult, HResult.HCS_E_OPERATION_TIMEOUT)) {
            return false;
        }
        if (HResult.failed(hresult)) {
            throw HcsFailure.exception(target, "wait for compute system '" + id + "' to exit", hresult, HcsJson.errorMessage(document));
        }
        return true;
    }

    /** Registers the event callback on a handle; it stays until the handle is closed. */
    void watch(Pointer system, String id, long key) {
        int hresult = api.HcsSetComputeSystemCallback(system, 0, new Pointer(key), HcsCallbacks.CALLBACK);
        if (HResult.failed(hresult)) {
            throw HcsFailure.exception(target, "watch compute system '" + id + "'", hresult, null);
        }
    }

    /** The service's properties (synchronous), e.g. {@code {"PropertyTypes":["Basic"]}}. */
    String serviceProperties(String query) {
        PointerByReference result = new PointerByReference();
        int hresult = api.HcsGetServiceProperties(Utf16.of(query), result);
        String document = take(result);
        if (HResult.failed(hresult)) {
            throw HcsFailure.exception(target, "reading the service's properties", hresult, HcsJson.errorMessage(document));
        }
        return document;
    }

    /**
     * One call with its own operation: submit, wait at most {@code timeout} (HCS itself enforces it), take
     * the result document, close the operation.
     */
    private String run(String what, Duration timeout, ToIntFunction<Pointer> submit) {
        Pointer operation = api.HcsCreateOperation(null, null);
        if (operation == null) {
            throw new EngineException.HcsError("HCS on host '" + target.name() + "' could not create an operation to "
                    + what + " (out of resources)", target.hostId(), 0x8007000E);
        }
        try {
            PointerByReference document = new PointerByReference();
            int hresult = submit.applyAsInt(operation);
            if (HResult.failed(hresult)) {
                // refused before it started; the operation may still hold an error document
                api.HcsGetOperationResult(operation, document);
                throw HcsFailure.exception(target, what, hresult, HcsJson.errorMessage(take(document)));
            }
            hresult = api.HcsWaitForOperationResult(operation, waitMillis(timeout), document);
            String result = take(document);
            if (HResult.failed(hresult)) {
                throw HcsFailure.exception(target, what, hresult, HcsJson.errorMessage(result));
            }
            return result;
        } finally {
            // safe while HCS still runs the call: it finishes and discards the result
            api.HcsCloseOperation(operation);
        }
    }

    /** Copies a result document out and frees it with LocalFree, as computecore's documentation says. */
    private String take(PointerByReference reference) {
        Pointer document = reference.getValue();
        if (document == null) {
            return null;
        }
        reference.setValue(null);
        try {
            return Utf16.read(document);
        } finally {
            libraries.localMemory().LocalFree(document);
        }
    }

    /** Milliseconds for a DWORD timeout; never INFINITE (0xFFFFFFFF), so every wait ends. */
    private static int waitMillis(Duration timeout) {
        return (int) Math.min(Math.max(timeout.toMillis(), 0), Integer.MAX_VALUE);
    }
}
