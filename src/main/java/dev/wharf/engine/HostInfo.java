package dev.wharf.engine;

import java.util.List;
import java.util.Map;

/**
 * Facts about a host as its engine reports them.
 *
 * @param containersByState container counts keyed by state; states with no containers may be absent
 * @param schemaVersions the HCS schema versions the host supports (hcs hosts), lowest first; empty for Docker
 * @param services the state of the services behind containers on an hcs host ({@code vmcompute}, {@code hns},
 *     {@code docker}, {@code containerd}: running, stopped, paused, starting, stopping, not installed); empty for Docker
 */
public record HostInfo(
        String engineVersion,
        String apiVersion,
        String os,
        String osVersion,
        String architecture,
        String kernelVersion,
        int cpus,
        long memoryBytes,
        Map<ContainerState, Integer> containersByState,
        int images,
        String storageDriver,
        List<String> schemaVersions,
        Map<String, String> services) {

    public HostInfo(String engineVersion, String apiVersion, String os, String osVersion, String architecture,
            String kernelVersion, int cpus, long memoryBytes, Map<ContainerState, Integer> containersByState, int images,
            String storageDriver) {
        this(engineVersion, apiVersion, os, osVersion, architecture, kernelVersion, cpus, memoryBytes, containersByState,
                images, storageDriver, List.of(), Map.of());
    }

    public HostInfo {
        containersByState = Map.copyOf(containersByState);
        schemaVersions = List.copyOf(schemaVersions);
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }
}
