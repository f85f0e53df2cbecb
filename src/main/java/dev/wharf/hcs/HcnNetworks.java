package dev.wharf.hcs;

import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HCN networks (schema 2 {@code HostComputeNetwork}) in the one switch shape, and switch specs as HCN
 * settings.
 */
final class HcnNetworks {

    /** HCN's network types (NetworkMode), spelled as HCN spells them. */
    static final List<String> TYPES = List.of("NAT", "ICS", "Transparent", "L2Bridge", "L2Tunnel", "Overlay", "Private",
            "Internal", "Mirrored", "Infiniband", "ConstrainedICS");
    private static final Map<Long, String> FLAG_NAMES = Map.of(8L, "EnableNonPersistent", 1024L, "DisableHostPort",
            8192L, "EnableIov");

    private HcnNetworks() {}

    /**
     * The switch for a network document. HNS leaves {@code Type} out for NAT (value 0 inside), so a
     * missing type is NAT.
     */
    static SwitchSummary summary(JsonNode network, List<SwitchSummary.Attachment> attached) {
        String type = HcsJson.text(network, "Type");
        type = type == null || type.isBlank() ? "NAT" : canonicalType(type);
        List<SwitchSummary.Policy> policies = new ArrayList<>();
        String adapter = null;
        for (JsonNode policy : network.path("Policies")) {
            String policyType = HcsJson.text(policy, "Type");
            JsonNode settings = policy.path("Settings");
            policies.add(new SwitchSummary.Policy(policyType, settings.isObject() ? settings.toString() : null));
            if ("NetAdapterName".equalsIgnoreCase(policyType)) {
                adapter = HcsJson.text(settings, "NetworkAdapterName");
            }
        }
        return new SwitchSummary(HcnClient.guid(HcsJson.text(network, "ID")).toString(), HcsJson.text(network, "Name"), type,
                "local", type.equals("Internal") || type.equals("Private"), subnets(network), adapter, attached, Map.of(),
                flags(network.path("Flags").asLong(0)), policies);
    }

    /** Subnets with their gateway: the next hop of the default route, as HCN requires one. */
    private static List<SwitchSummary.Subnet> subnets(JsonNode network) {
        List<SwitchSummary.Subnet> subnets = new ArrayList<>();
        for (JsonNode ipam : network.path("Ipams")) {
            for (JsonNode subnet : ipam.path("Subnets")) {
                String gateway = null;
                for (JsonNode route : subnet.path("Routes")) {
                    String destination = HcsJson.text(route, "DestinationPrefix");
                    if (gateway == null || "0.0.0.0/0".equals(destination) || "::/0".equals(destination)) {
                        gateway = HcsJson.text(route, "NextHop");
                    }
                }
                subnets.add(new SwitchSummary.Subnet(HcsJson.text(subnet, "IpAddressPrefix"), gateway));
            }
        }
        return subnets;
    }

    /** Bits hcsshim confirms by name; any other bit as hex, never a guessed name. */
    static List<String> flags(long value) {
        List<String> names = new ArrayList<>();
        for (long bit = 1; bit != 0 && bit <= value; bit <<= 1) {
            if ((value & bit) != 0) {
                names.add(FLAG_NAMES.getOrDefault(bit, String.format("0x%X", bit)));
            }
        }
        return names;
    }

    /** HCN's spelling of a type given in any case; an unknown type stays as given. */
    static String canonicalType(String type) {
        return TYPES.stream().filter(t -> t.equalsIgnoreCase(type)).findFirst().orElse(type);
    }

    static boolean isType(String type) {
        return TYPES.stream().anyMatch(t -> t.equalsIgnoreCase(type));
    }

    /**
     * HCN settings for a spec. A subnet needs a gateway (HCN wants a default route per subnet); the
     * adapter becomes a NetAdapterName policy.
     */
    static Map<String, Object> settings(SwitchSpec spec, String type) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("SchemaVersion", Map.of("Major", 2, "Minor", 0));
        settings.put("Name", spec.name());
        settings.put("Type", type);
        if (!spec.subnets().isEmpty()) {
            List<Map<String, Object>> subnets = new ArrayList<>();
            for (SwitchSummary.Subnet subnet : spec.subnets()) {
                String everywhere = subnet.subnet().contains(":") ? "::/0" : "0.0.0.0/0";
                subnets.add(Map.of("IpAddressPrefix", subnet.subnet(),
                        "Routes", List.of(Map.of("NextHop", subnet.gateway(), "DestinationPrefix", everywhere))));
            }
            settings.put("Ipams", List.of(Map.of("Type", "Static", "Subnets", subnets)));
        }
        if (spec.adapter() != null && !spec.adapter().isBlank()) {
            settings.put("Policies", List.of(Map.of("Type", "NetAdapterName",
                    "Settings", Map.of("NetworkAdapterName", spec.adapter()))));
        }
        return settings;
    }

    static String typeList() {
        return String.join(", ", TYPES);
    }
}
