package dev.wharf.hcs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads the service's {@code Basic} properties: the HCS schema versions this Windows build supports. */
final class HcsServiceInfo {

    static final String BASIC_QUERY = "{\"PropertyTypes\":[\"Basic\"]}";

    private HcsServiceInfo() {}

    /** Every supported version, "2.1" style, lowest first. An entry A.X means A.0 to A.X are all supported. */
    static List<String> schemaVersions(String serviceProperties) {
        List<int[]> versions = new ArrayList<>();
        for (JsonNode properties : HcsJson.read(serviceProperties).path("Properties")) {
            for (JsonNode version : properties.path("SupportedSchemaVersions")) {
                versions.add(new int[] {version.path("Major").asInt(0), version.path("Minor").asInt(0)});
            }
        }
        versions.sort(Comparator.<int[]>comparingInt(v -> v[0]).thenComparingInt(v -> v[1]));
        return versions.stream().map(v -> v[0] + "." + v[1]).toList();
    }
}
