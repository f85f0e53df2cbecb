package dev.wharf.hcs;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineDriver;
import dev.wharf.engine.EngineTarget;
import com.sun.jna.Native;
import dev.wharf.hcs.nativeapi.HcsLibraries;
import org.springframework.stereotype.Component;

/**
 * Opens the HCS engine of the machine the console runs on. The kind is offered only where computecore
 * loads; the libraries are loaded the first time anyone asks, never at class initialisation.
 */
@Component
class HcsEngineDriver implements EngineDriver {

    static final String NEEDS = "HCS needs Windows Server 2019 / Windows 10 1809 or later";

    private final HcsSettings settings;
    private volatile Loaded loaded;

    private record Loaded(HcsLibraries libraries, String failure) {}

    HcsEngineDriver(HcsSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "hcs";
    }

    @Override
    public Availability availability() {
        Loaded result = load();
        return result.libraries() != null ? Availability.yes() : Availability.no(result.failure());
    }

    @Override
    public ContainerEngine open(EngineTarget target) {
        Loaded result = load();
        if (result.libraries() == null) {
            throw new dev.wharf.engine.EngineException.Unsupported(result.failure());
        }
        return new HcsEngine(target, result.libraries(), settings);
    }

    private Loaded load() {
        if (!settings.enabled()) {
            return new Loaded(null, "HCS is turned off on this console (wharf.hcs.enabled=false)");
        }
        Loaded result = loaded;
        if (result == null) {
            synchronized (this) {
                result = loaded;
                if (result == null) {
                    result = tryLoad();
                    loaded = result;
                }
            }
        }
        return result;
    }

    private static Loaded tryLoad() {
        if (Native.POINTER_SIZE != 8) {
            // HCS_EVENT and every handle are read with 64-bit layouts; HCS serves 64-bit processes
            return new Loaded(null, NEEDS + " and a 64-bit Java");
        }
        try {
            return new Loaded(HcsLibraries.load(), null);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            return new Loaded(null, NEEDS + " (computecore cannot be loaded on this machine)");
        }
    }
}
