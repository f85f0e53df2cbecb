package dev.wharf.hcs.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** {@code ole32!CoTaskMemFree}, which frees everything computenetwork hands out. Our own one-function interface. */
public interface TaskMemory extends Library {

    void CoTaskMemFree(Pointer memory);
}
