package dev.wharf.hcs;

import dev.wharf.engine.EngineException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Notices what changed among HCN's networks and endpoints between two looks (two enumerations, plus
 * one read per endpoint not seen before, to learn its network). Confined to the event thread.
 */
final class HcnWatch {

    /** A network that appeared ({@code create}), left ({@code destroy}) or gained or lost an endpoint ({@code update}). */
    record Change(String networkId, String name, String action) {}

    private final HcnClient hcn;
    private Map<UUID, String> networks;
    private final Map<UUID, UUID> endpointNetwork = new HashMap<>();

    HcnWatch(HcnClient hcn) {
        this.hcn = hcn;
    }

    /** The changes since the last call; nothing on the first call (it takes the baseline) or when HCN does not answer. */
    List<Change> changes() {
        Map<UUID, String> nowNetworks = new LinkedHashMap<>();
        Map<UUID, UUID> nowEndpoints = new HashMap<>();
        try {
            for (UUID id : hcn.networkIds()) {
                nowNetworks.put(id, networks != null && networks.containsKey(id) ? networks.get(id) : name(id));
            }
            for (UUID endpoint : hcn.endpointIds()) {
                UUID network = endpointNetwork.containsKey(endpoint) ? endpointNetwork.get(endpoint) : networkOf(endpoint);
                if (network != null) {
                    nowEndpoints.put(endpoint, network);
                }
            }
        } catch (EngineException unavailable) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        if (networks != null) {
            nowNetworks.forEach((id, name) -> {
                if (!networks.containsKey(id)) {
                    changes.add(new Change(id.toString(), name, "create"));
                }
            });
            networks.forEach((id, name) -> {
                if (!nowNetworks.containsKey(id)) {
                    changes.add(new Change(id.toString(), name, "destroy"));
                }
            });
            Map<UUID, Boolean> touched = new LinkedHashMap<>();
            nowEndpoints.forEach((endpoint, network) -> {
                if (!endpointNetwork.containsKey(endpoint)) {
                    touched.put(network, true);
                }
            });
            endpointNetwork.forEach((endpoint, network) -> {
                if (!nowEndpoints.containsKey(endpoint)) {
                    touched.put(network, true);
                }
            });
            touched.keySet().stream().filter(nowNetworks::containsKey)
                    .forEach(network -> changes.add(new Change(network.toString(), nowNetworks.get(network), "update")));
        }
        networks = nowNetworks;
        endpointNetwork.clear();
        endpointNetwork.putAll(nowEndpoints);
        return changes;
    }

    private String name(UUID network) {
        try {
            return HcsJson.text(hcn.network(network), "Name");
        } catch (EngineException gone) {
            return null;
        }
    }

    private UUID networkOf(UUID endpoint) {
        try {
            String network = HcsJson.text(hcn.endpoint(endpoint), "HostComputeNetwork");
            return network == null ? null : HcnClient.guid(network);
        } catch (EngineException gone) {
            return null;
        }
    }
}
