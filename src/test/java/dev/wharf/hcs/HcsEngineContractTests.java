package dev.wharf.hcs;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerEngineContract;
import dev.wharf.engine.EngineTarget;
import dev.wharf.testing.UsesHcsStandIn;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine contract through the real JNA binding to computecore, here the C stand-in. HCS creates,
 * renames, removes and restarts nothing and keeps no logs: the suite asserts those answer unsupported,
 * and that a stopped system leaves the list.
 */
@UsesHcsStandIn
@ExtendWith(StandIn.LeakCheck.class)
class HcsEngineContractTests extends ContainerEngineContract {

    static final HcsSettings SETTINGS = new HcsSettings(Duration.ofSeconds(10), Duration.ofSeconds(1), 4, 256, true);

    private static HcsEngine engine;

    @BeforeAll
    static void open() {
        StandIn.control().WharfStandinReset();
        engine = new HcsEngine(new EngineTarget(UUID.randomUUID(), "standin", "hcs", "local", null), StandIn.libraries(), SETTINGS);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Override
    protected ContainerEngine engine() {
        return engine;
    }

    /** HCS runs no shell for us: the system is created as Docker or containerd would, and the command is moot. */
    @Override
    protected String createContainer(String name, String shellCommand) {
        StandIn.createContainer(name);
        return name;
    }
}
