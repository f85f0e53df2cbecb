package dev.wharf.docker;

import com.github.dockerjava.api.model.ContainerNetwork;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.engine.SwitchesContract;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestEngines;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The switch contract on a real dockerd: internal bridge networks (nothing is routed anywhere). */
@UsesTestEngines
class DockerSwitchesContractTests extends SwitchesContract {

    private static DockerEngine engine;

    @BeforeAll
    static void connect() {
        TestEngines.ensureImage(TestEngines.unix());
        engine = new DockerEngine(new EngineTarget(UUID.randomUUID(), "unix-engine", "docker", TestEngines.unix(), null),
                DockerEngineContractTests.SETTINGS, true);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Override
    protected ContainerEngine engine() {
        return engine;
    }

    @Override
    protected SwitchSpec spec(String name, SwitchSummary.Subnet subnet) {
        return new SwitchSpec(name, "bridge", List.of(subnet), true, null, null);
    }

    @Override
    protected String attachContainer(SwitchSummary created, String ip) {
        var docker = TestEngines.client(TestEngines.unix());
        String id = docker.createContainerCmd(TestEngines.IMAGE).withCmd("sleep", "300")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(created.name()))
                .exec().getId();
        docker.disconnectFromNetworkCmd().withContainerId(id).withNetworkId(created.id()).exec();
        docker.connectToNetworkCmd().withContainerId(id).withNetworkId(created.id())
                .withContainerNetwork(new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ip))).exec();
        docker.startContainerCmd(id).exec();
        return id;
    }

    @Override
    protected void detachContainer(String containerId) {
        TestEngines.client(TestEngines.unix()).removeContainerCmd(containerId).withForce(true).exec();
    }
}
