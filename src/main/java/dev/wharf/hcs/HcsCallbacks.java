package dev.wharf.hcs;

import com.sun.jna.Pointer;
import dev.wharf.hcs.nativeapi.ComputeCore;
import dev.wharf.hcs.nativeapi.Utf16;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one event callback handed to HCS, for every watched compute system of the process.
 *
 * <p>Why static: HCS keeps a raw function pointer, and a JNA callback that the garbage collector
 * reclaims while HCS still holds it crashes the JVM. One callback held for the life of the class can
 * never be reclaimed, whoever forgets to close what. The context HCS passes back is a number (as in
 * hcsshim), never a pointer into Java memory; it selects the listener.
 */
final class HcsCallbacks {

    /** {@code HcsEventSystemExited}. */
    static final int SYSTEM_EXITED = 0x00000001;
    /** {@code HcsEventServiceDisconnect}: vmcompute went away. */
    static final int SERVICE_DISCONNECT = 0x02000000;

    /** What a listener receives: the event type and a copy of its JSON data. */
    interface Listener {
        void onEvent(int type, String data);
    }

    private static final Logger log = LoggerFactory.getLogger(HcsCallbacks.class);
    private static final Map<Long, Listener> LISTENERS = new ConcurrentHashMap<>();
    private static final AtomicLong KEYS = new AtomicLong();

    static final ComputeCore.EventCallback CALLBACK = HcsCallbacks::deliver;

    private HcsCallbacks() {}

    /** A fresh context key for {@code listener}; pass it to {@link HcsClient#watch}. */
    static long register(Listener listener) {
        long key = KEYS.incrementAndGet();
        LISTENERS.put(key, listener);
        return key;
    }

    static void unregister(long key) {
        LISTENERS.remove(key);
    }

    /** Runs on an HCS thread: copies what it needs (the data is only valid during this call) and hands over. */
    private static void deliver(Pointer event, Pointer context) {
        try {
            if (event == null || context == null) {
                return;
            }
            int type = event.getInt(0);
            String data = Utf16.read(event.getPointer(8));
            Listener listener = LISTENERS.get(Pointer.nativeValue(context));
            if (listener != null) {
                listener.onEvent(type, data);
            }
        } catch (RuntimeException e) {
            // an exception must never unwind into HCS's thread
            log.warn("Dropped an HCS event: {}", e.toString());
        }
    }
}
