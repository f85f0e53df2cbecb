package dev.wharf.engine;

import java.util.Map;

/**
 * Facts about a host as its engine reports them.
 *
 * @param containersByState container counts keyed by state; states with no containers may be absent
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
        String storageDriver) {

    public HostInfo {
        containersByState = Map.copyOf(containersByState);
    }
}
