package dev.wharf.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every {@link EngineDriver} in the application, by host kind. */
@Component
public class EngineDrivers {

    private final Map<String, EngineDriver> byKind = new TreeMap<>();

    public EngineDrivers(List<EngineDriver> drivers) {
        for (EngineDriver driver : drivers) {
            EngineDriver previous = byKind.put(driver.kind(), driver);
            if (previous != null) {
                throw new IllegalStateException("Two engine drivers claim host kind '" + driver.kind() + "'");
            }
        }
    }

    public Set<String> kinds() {
        return byKind.keySet();
    }

    public EngineDriver.Availability availability(String kind) {
        EngineDriver driver = byKind.get(kind);
        return driver == null
                ? EngineDriver.Availability.no("Unknown host kind '" + kind + "'; known kinds: " + kinds())
                : driver.availability();
    }

    /** Opens the engine for a host; fails with {@link EngineException.Unsupported} for an unknown or unavailable kind. */
    public ContainerEngine open(EngineTarget target) {
        return driver(target.kind()).open(target);
    }

    /** The driver of an available kind; fails with {@link EngineException.Unsupported} otherwise. */
    public EngineDriver driver(String kind) {
        EngineDriver.Availability availability = availability(kind);
        if (!availability.available()) {
            throw new EngineException.Unsupported(availability.reason());
        }
        return byKind.get(kind);
    }
}
