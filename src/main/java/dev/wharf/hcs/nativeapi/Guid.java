package dev.wharf.hcs.nativeapi;

import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/** A Windows {@code GUID} (Data1-3 little-endian, Data4 as bytes) in native memory, for HCN's {@code REFGUID} parameters. */
public final class Guid {

    private Guid() {}

    /** {@code 5b12a8ca-ca12-4d94-9216-a2461d4e4077} (any case) as the 16 bytes Windows expects. */
    public static Memory of(UUID id) {
        long high = id.getMostSignificantBits();
        long low = id.getLeastSignificantBits();
        ByteBuffer bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt((int) (high >>> 32));
        bytes.putShort((short) (high >>> 16));
        bytes.putShort((short) high);
        bytes.order(ByteOrder.BIG_ENDIAN).putLong(low);
        Memory memory = new Memory(16);
        memory.write(0, bytes.array(), 0, 16);
        return memory;
    }

    /** The all-zero GUID: HCN then picks the id itself. */
    public static Memory zero() {
        Memory memory = new Memory(16);
        memory.clear();
        return memory;
    }
}
