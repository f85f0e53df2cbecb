package dev.wharf.hcs.nativeapi;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;

/**
 * Windows wide strings (UTF-16LE, two-byte units, two-byte NUL), marshalled by hand: JNA's
 * {@code WString} uses the platform {@code wchar_t}, which is four bytes on Linux, so it would pass
 * UTF-32 to the stand-in and read garbage back.
 */
public final class Utf16 {

    /** Longest string we read back (64 MiB of UTF-16); a missing terminator must not walk memory forever. */
    private static final long MAX_BYTES = 64L << 20;

    private Utf16() {}

    /** A NUL-terminated copy of {@code text} in native memory, or null for null. Keep it referenced until the call returns. */
    public static Memory of(String text) {
        if (text == null) {
            return null;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_16LE);
        Memory memory = new Memory(bytes.length + 2L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setShort(bytes.length, (short) 0);
        return memory;
    }

    /** Copies a NUL-terminated UTF-16LE string out of native memory; null for a null pointer. */
    public static String read(Pointer pointer) {
        if (pointer == null) {
            return null;
        }
        long length = 0;
        while (pointer.getShort(length) != 0) {
            length += 2;
            if (length > MAX_BYTES) {
                throw new IllegalStateException("A native string is longer than " + MAX_BYTES + " bytes or not terminated");
            }
        }
        return new String(pointer.getByteArray(0, (int) length), StandardCharsets.UTF_16LE);
    }
}
