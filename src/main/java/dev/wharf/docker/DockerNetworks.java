package dev.wharf.docker;

import com.github.dockerjava.api.model.Network;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.engine.Switches;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Docker host's networks as virtual switches. On a Windows dockerd the HNS network behind a Docker
 * network is named in its {@code com.docker.network.windowsshim.*} options, which the switch keeps.
 */
final class DockerNetworks implements Switches {

    /** Where a Docker network names its host adapter, by driver family. */
    static final String PARENT = "parent";
    static final String WINDOWS_INTERFACE = "com.docker.network.windowsshim.interface";

    private final DockerConnection engine;

    DockerNetworks(DockerConnection engine) {
        this.engine = engine;
    }

    @Override
    public List<SwitchSummary> list() {
        // the list answer leaves out attached containers; inspect each (hosts have few networks)
        return engine.call(docker -> docker.listNetworksCmd().exec().stream()
                .map(n -> summary(docker.inspectNetworkCmd().withNetworkId(n.getId()).exec())).toList());
    }

    @Override
    public SwitchSummary inspect(String switchId) {
        return engine.call(docker -> summary(docker.inspectNetworkCmd().withNetworkId(switchId).exec()));
    }

    @Override
    public String create(SwitchSpec spec) {
        return engine.call(docker -> {
            Map<String, String> options = new HashMap<>(spec.options());
            if (spec.adapter() != null) {
                options.put(spec.type() != null && spec.type().matches("nat|transparent|l2bridge|l2tunnel|overlay|ics")
                        ? WINDOWS_INTERFACE : PARENT, spec.adapter());
            }
            var command = docker.createNetworkCmd().withName(spec.name()).withInternal(spec.internal())
                    .withCheckDuplicate(true).withOptions(options);
            if (spec.type() != null) {
                command.withDriver(spec.type());
            }
            if (!spec.subnets().isEmpty()) {
                command.withIpam(new Network.Ipam().withConfig(spec.subnets().stream()
                        .map(s -> new Network.Ipam.Config().withSubnet(s.subnet()).withGateway(s.gateway())).toList()));
            }
            return command.exec().getId();
        });
    }

    /**
     * The engine's network plugins, bridge first; {@code host} and {@code null} are left out: Docker keeps
     * one network of each and makes no more.
     */
    @Override
    public List<String> types() {
        return engine.call(docker -> {
            var plugins = docker.infoCmd().exec().getPlugins();
            List<String> drivers = plugins == null || plugins.get("Network") == null ? List.of() : plugins.get("Network");
            java.util.LinkedHashSet<String> types = new java.util.LinkedHashSet<>(List.of("bridge"));
            drivers.stream().filter(d -> !d.equals("host") && !d.equals("null")).sorted().forEach(types::add);
            return List.copyOf(types);
        });
    }

    @Override
    public void remove(String switchId) {
        engine.call(docker -> {
            docker.removeNetworkCmd(switchId).exec();
            return null;
        });
    }

    @Override
    public void connect(String switchId, String containerId) {
        engine.call(docker -> {
            docker.connectToNetworkCmd().withNetworkId(switchId).withContainerId(containerId).exec();
            return null;
        });
    }

    @Override
    public void disconnect(String switchId, String containerId) {
        engine.call(docker -> {
            docker.disconnectFromNetworkCmd().withNetworkId(switchId).withContainerId(containerId).exec();
            return null;
        });
    }

    private static SwitchSummary summary(Network n) {
        List<SwitchSummary.Subnet> subnets = n.getIpam() == null || n.getIpam().getConfig() == null ? List.of()
                : n.getIpam().getConfig().stream().map(c -> new SwitchSummary.Subnet(c.getSubnet(), c.getGateway())).toList();
        List<SwitchSummary.Attachment> attached = n.getContainers() == null ? List.of()
                : n.getContainers().entrySet().stream().map(e -> new SwitchSummary.Attachment(e.getKey(), e.getValue().getName(),
                        stripPrefix(e.getValue().getIpv4Address()), e.getValue().getMacAddress())).toList();
        Map<String, String> options = n.getOptions() == null ? Map.of() : n.getOptions();
        String adapter = options.getOrDefault(PARENT, options.get(WINDOWS_INTERFACE));
        return new SwitchSummary(n.getId(), n.getName(), n.getDriver(), n.getScope(), Boolean.TRUE.equals(n.getInternal()),
                subnets, adapter, attached, options);
    }

    /** Docker gives addresses with their prefix length ("172.18.0.2/16"); the switch shows the address. */
    private static String stripPrefix(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
