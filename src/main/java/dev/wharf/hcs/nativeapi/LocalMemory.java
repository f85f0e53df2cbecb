package dev.wharf.hcs.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * {@code kernel32!LocalFree}, which computecore's documentation names for its result documents. Our own
 * one-function interface: jna-platform's Kernel32 brings the {@code WString} type mapper we must avoid.
 */
public interface LocalMemory extends Library {

    /** Returns null when freed, the pointer itself when it could not be freed. */
    Pointer LocalFree(Pointer memory);
}
