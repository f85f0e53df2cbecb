package dev.wharf.hcs.nativeapi;

import com.sun.jna.Native;

/**
 * Loads the Windows libraries on demand, never from a static initializer: where computecore does not
 * exist (Linux, Windows before 1809) loading fails with {@link UnsatisfiedLinkError}, which the driver
 * turns into "HCS is not available here" instead of a class that cannot initialise. On Linux the
 * names resolve to {@code lib<name>.so} on {@code jna.library.path}: the test stand-in.
 */
public record HcsLibraries(ComputeCore computeCore, LocalMemory localMemory, ComputeNetwork computeNetwork,
        TaskMemory taskMemory, ServiceControl serviceControl) {

    public static HcsLibraries load() {
        return new HcsLibraries(Native.load("computecore", ComputeCore.class), Native.load("kernel32", LocalMemory.class),
                Native.load("computenetwork", ComputeNetwork.class), Native.load("ole32", TaskMemory.class),
                Native.load("advapi32", ServiceControl.class));
    }
}
