package dev.wharf.hcs;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.engine.SwitchesContract;
import dev.wharf.testing.UsesHcsStandIn;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The switch contract through the real JNA binding to computenetwork (the stand-in). A container is put
 * on a network as containerd's CNI plugins would: an endpoint in a namespace that names the compute system.
 */
@UsesHcsStandIn
@ExtendWith(StandIn.LeakCheck.class)
class HcnSwitchesContractTests extends SwitchesContract {

    private static HcsEngine engine;

    @BeforeAll
    static void open() {
        StandIn.control().WharfStandinReset();
        engine = new HcsEngine(new EngineTarget(UUID.randomUUID(), "standin", "hcs", "local", null), StandIn.libraries(),
                HcsEngineContractTests.SETTINGS);
    }

    @AfterAll
    static void close() {
        engine.close();
        StandIn.control().WharfStandinReset();
    }

    @AfterEach
    void forgetSeededEndpoints() {
        StandIn.control().WharfStandinReset();
    }

    @Override
    protected ContainerEngine engine() {
        return engine;
    }

    @Override
    protected SwitchSpec spec(String name, SwitchSummary.Subnet subnet) {
        return new SwitchSpec(name, "NAT", List.of(subnet), false, null, null);
    }

    @Override
    protected String attachContainer(SwitchSummary created, String ip) {
        String container = "pod-" + UUID.randomUUID().toString().substring(0, 8);
        StandIn.attach(container, created.id(), ip);
        return container;
    }

    @Override
    protected void detachContainer(String containerId) {
        // the reset after each test forgets the seeded endpoint and namespace
    }
}
