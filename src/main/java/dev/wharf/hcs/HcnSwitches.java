package dev.wharf.hcs;

import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.HostCalls;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import tools.jackson.databind.JsonNode;

/**
 * The virtual switches of the HCS host: HCN networks, with their endpoints and the compute system
 * each endpoint serves (endpoint, then its namespace, then the namespace's Container resource).
 * HCN answers only ids when listing, so a list is 1 + 3N calls per network and per endpoint.
 */
final class HcnSwitches implements dev.wharf.engine.Switches {

    private final EngineTarget target;
    private final HcnClient hcn;
    private final HcsClient hcs;
    private final HostCalls calls;
    private final Duration deadline;
    private final Duration operationTimeout;

    HcnSwitches(EngineTarget target, HcnClient hcn, HcsClient hcs, HostCalls calls, Duration deadline, Duration operationTimeout) {
        this.target = target;
        this.hcn = hcn;
        this.hcs = hcs;
        this.calls = calls;
        this.deadline = deadline;
        this.operationTimeout = operationTimeout;
    }

    @Override
    public List<SwitchSummary> list() {
        return call(() -> {
            Map<UUID, List<SwitchSummary.Attachment>> attached = attachments();
            List<SwitchSummary> switches = new ArrayList<>();
            for (UUID id : hcn.networkIds()) {
                try {
                    switches.add(HcnNetworks.summary(hcn.network(id), attached.getOrDefault(id, List.of())));
                } catch (EngineException.NotFound deletedMeanwhile) {
                    // gone between the list and the read
                }
            }
            return switches;
        });
    }

    @Override
    public SwitchSummary inspect(String switchId) {
        return call(() -> {
            UUID id = resolve(switchId);
            return HcnNetworks.summary(hcn.network(id), attachments().getOrDefault(id, List.of()));
        });
    }

    @Override
    public String create(SwitchSpec spec) {
        String type = type(spec);
        for (SwitchSummary.Subnet subnet : spec.subnets()) {
            if (subnet.gateway() == null || subnet.gateway().isBlank()) {
                throw new EngineException.Rejected("An HCN network needs a gateway for subnet " + subnet.subnet()
                        + " (HCN routes each subnet through one)", target.hostId());
            }
        }
        if (!spec.options().isEmpty()) {
            throw new EngineException.Rejected("HCN networks take no driver options; remove " + spec.options().keySet(),
                    target.hostId());
        }
        String settings = HcsJson.write(HcnNetworks.settings(spec, type));
        return call(() -> HcnClient.guid(HcsJson.text(hcn.createNetwork(spec.name(), settings), "ID")).toString());
    }

    /** HCN's own types, NAT (its default) first; nothing to ask the host. */
    @Override
    public List<String> types() {
        return HcnNetworks.TYPES;
    }

    @Override
    public void remove(String switchId) {
        call(() -> {
            hcn.deleteNetwork(resolve(switchId));
            return null;
        });
    }

    @Override
    public void connect(String switchId, String containerId) {
        throw notHere();
    }

    @Override
    public void disconnect(String switchId, String containerId) {
        throw notHere();
    }

    private static EngineException notHere() {
        return new EngineException.Unsupported("HCN endpoints belong to the runtime that made them (Docker, containerd): "
                + "connect and disconnect through that runtime's host");
    }

    /** HCN's type for a spec: the given one in HCN's spelling, Internal for an internal switch, else NAT. */
    private String type(SwitchSpec spec) {
        if (spec.type() == null || spec.type().isBlank()) {
            return spec.internal() ? "Internal" : "NAT";
        }
        if (!HcnNetworks.isType(spec.type())) {
            throw new EngineException.Rejected("HCN has no network type '" + spec.type() + "'; use one of "
                    + HcnNetworks.typeList(), target.hostId());
        }
        String type = HcnNetworks.canonicalType(spec.type());
        if (spec.internal() && !type.equals("Internal") && !type.equals("Private")) {
            throw new EngineException.Rejected("An internal HCN network has type Internal or Private, not " + type,
                    target.hostId());
        }
        return type;
    }

    /** A switch id (GUID, any case) or name, as HCN knows it; HCN's own not-found error otherwise. */
    private UUID resolve(String switchId) {
        try {
            UUID id = HcnClient.guid(switchId);
            hcn.network(id);
            return id;
        } catch (IllegalArgumentException notAGuid) {
            for (UUID id : hcn.networkIds()) {
                if (switchId.equals(HcsJson.text(hcn.network(id), "Name"))) {
                    return id;
                }
            }
            throw new EngineException.NotFound("HCN on host '" + target.name() + "' has no network named '" + switchId + "'",
                    target.hostId());
        }
    }

    /** Every endpoint, by network, with the compute system its namespace names. */
    private Map<UUID, List<SwitchSummary.Attachment>> attachments() {
        Map<String, String> names = new HashMap<>();
        try {
            for (ComputeSystem system : ComputeSystem.listOf(hcs.enumerate(operationTimeout))) {
                names.put(system.id(), system.name());
            }
        } catch (EngineException hcsUnavailable) {
            // HNS answers even when HCS does not: the endpoints' own names stand in
        }
        Map<UUID, String> containerOfNamespace = new HashMap<>();
        Map<UUID, List<SwitchSummary.Attachment>> byNetwork = new LinkedHashMap<>();
        for (UUID endpointId : hcn.endpointIds()) {
            JsonNode endpoint;
            try {
                endpoint = hcn.endpoint(endpointId);
            } catch (EngineException.NotFound deletedMeanwhile) {
                continue;
            }
            String network = HcsJson.text(endpoint, "HostComputeNetwork");
            if (network == null) {
                continue;
            }
            String container = containerOf(HcsJson.text(endpoint, "HostComputeNamespace"), containerOfNamespace);
            JsonNode ip = endpoint.path("IpConfigurations").path(0);
            String name = container != null && names.containsKey(container) ? names.get(container) : HcsJson.text(endpoint, "Name");
            byNetwork.computeIfAbsent(HcnClient.guid(network), n -> new ArrayList<>()).add(new SwitchSummary.Attachment(
                    container, name, HcsJson.text(ip, "IpAddress"), HcsJson.text(endpoint, "MacAddress"), endpointId.toString()));
        }
        return byNetwork;
    }

    /** The compute system in a namespace's resources, or null (a host namespace, or none). */
    private String containerOf(String namespace, Map<UUID, String> cache) {
        if (namespace == null || namespace.isBlank()) {
            return null;
        }
        UUID id = HcnClient.guid(namespace);
        if (!cache.containsKey(id)) {
            String container = null;
            try {
                for (JsonNode resource : hcn.namespace(id).path("Resources")) {
                    if ("Container".equalsIgnoreCase(HcsJson.text(resource, "Type"))) {
                        container = HcsJson.text(resource.path("Data"), "ID");
                    }
                }
            } catch (EngineException.NotFound gone) {
                // the namespace went away with its container
            }
            cache.put(id, container);
        }
        return cache.get(id);
    }

    private <T> T call(Callable<T> work) {
        return calls.call(deadline, work);
    }
}
