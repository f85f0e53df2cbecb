package dev.wharf.engine;

import java.util.List;
import java.util.Map;

/**
 * A virtual switch: a Docker network or an HCN network, in one shape.
 *
 * @param type the Docker driver or the HCN network type
 * @param adapter the host adapter it is bound to, if any
 * @param flags HCN's network flags by name (bits without a confirmed name as hex); empty for Docker
 * @param policies HCN's network policies; empty for Docker
 */
public record SwitchSummary(
        String id,
        String name,
        String type,
        String scope,
        boolean internal,
        List<Subnet> subnets,
        String adapter,
        List<Attachment> attached,
        Map<String, String> options,
        List<String> flags,
        List<Policy> policies) {

    public SwitchSummary(String id, String name, String type, String scope, boolean internal, List<Subnet> subnets,
            String adapter, List<Attachment> attached, Map<String, String> options) {
        this(id, name, type, scope, internal, subnets, adapter, attached, options, List.of(), List.of());
    }

    public SwitchSummary {
        subnets = List.copyOf(subnets);
        attached = List.copyOf(attached);
        options = Map.copyOf(options);
        flags = List.copyOf(flags);
        policies = List.copyOf(policies);
    }

    public record Subnet(String subnet, String gateway) {}

    /**
     * What is plugged into the switch.
     *
     * @param containerId the container (HCS: compute system) using it, null when none is known
     * @param endpointId the HCN endpoint, null on Docker
     */
    public record Attachment(String containerId, String name, String ip, String mac, String endpointId) {
        public Attachment(String containerId, String name, String ip, String mac) {
            this(containerId, name, ip, mac, null);
        }
    }

    /** @param settings the policy's settings as JSON text */
    public record Policy(String type, String settings) {}
}
