package dev.wharf.engine;

import java.util.List;
import java.util.Map;

/**
 * A virtual switch: a Docker network or an HCN network, in one shape.
 *
 * @param type the Docker driver or the HCN network type
 * @param adapter the host adapter it is bound to, if any
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
        Map<String, String> options) {

    public SwitchSummary {
        subnets = List.copyOf(subnets);
        attached = List.copyOf(attached);
        options = Map.copyOf(options);
    }

    public record Subnet(String subnet, String gateway) {}

    public record Attachment(String containerId, String name, String ip, String mac) {}
}
