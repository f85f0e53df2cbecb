package dev.wharf.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import java.util.Locale;

/** The port's {@link ContainerSpec} as a docker-java create command. */
final class DockerContainerSpecs {

    private DockerContainerSpecs() {}

    static CreateContainerCmd command(DockerClient docker, ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig();
        if (spec.network() != null) {
            host.withNetworkMode(spec.network());
        }
        if (!spec.ports().isEmpty()) {
            Ports bindings = new Ports();
            for (ContainerSummary.PortBinding port : spec.ports()) {
                bindings.bind(exposed(port), port.hostPort() == null
                        ? Ports.Binding.empty()
                        : Ports.Binding.bindIpAndPort(port.hostIp(), port.hostPort()));
            }
            host.withPortBindings(bindings);
        }
        if (!spec.mounts().isEmpty()) {
            host.withMounts(spec.mounts().stream().map(DockerContainerSpecs::mount).toList());
        }
        if (spec.restartPolicy() != null) {
            host.withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()));
        }
        if (spec.memoryBytes() != null) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.cpus() != null) {
            host.withNanoCPUs(Math.round(spec.cpus() * 1_000_000_000L));
        }
        host.withPrivileged(spec.privileged());
        if (!spec.capAdd().isEmpty()) {
            host.withCapAdd(spec.capAdd().stream().map(DockerContainerSpecs::capability).toArray(Capability[]::new));
        }
        if (!spec.devices().isEmpty()) {
            host.withDevices(spec.devices().stream().map(Device::parse).toList());
        }
        if (spec.pidMode() != null) {
            host.withPidMode(spec.pidMode());
        }
        if (spec.ipcMode() != null) {
            host.withIpcMode(spec.ipcMode());
        }
        CreateContainerCmd command = docker.createContainerCmd(spec.image()).withHostConfig(host).withLabels(spec.labels())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (spec.name() != null) {
            command.withName(spec.name());
        }
        if (!spec.command().isEmpty()) {
            command.withCmd(spec.command());
        }
        if (!spec.ports().isEmpty()) {
            command.withExposedPorts(spec.ports().stream().map(DockerContainerSpecs::exposed).toList());
        }
        return command;
    }

    private static ExposedPort exposed(ContainerSummary.PortBinding port) {
        return new ExposedPort(port.containerPort(), InternetProtocol.parse(port.protocol() == null ? "tcp" : port.protocol()));
    }

    private static Mount mount(ContainerSummary.Mount mount) {
        return new Mount().withType("volume".equals(mount.type()) ? MountType.VOLUME : MountType.BIND)
                .withSource(mount.source()).withTarget(mount.target()).withReadOnly(mount.readOnly());
    }

    private static Capability capability(String name) {
        String bare = name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
        try {
            return Capability.valueOf(bare);
        } catch (IllegalArgumentException e) {
            throw new EngineException.Rejected("Unknown capability '" + name + "'", null, e);
        }
    }

}
