package dev.wharf;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module; only a module's root package is its API; no cycles. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(WharfApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }
}
