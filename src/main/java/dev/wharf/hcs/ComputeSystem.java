package dev.wharf.hcs;

import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A compute system as HCS describes it ({@code Properties} / {@code ComputeSystemProperties}).
 *
 * @param state HCS's word: Created, Running, Paused, Stopped, SavedAsTemplate, Unknown
 * @param hostingSystemId the utility VM a Hyper-V isolated container runs in, when HCS says so
 */
record ComputeSystem(String id, String name, String systemType, String owner, String state, String runtimeOsType,
        String runtimeId, String hostingSystemId) {

    static final String UTILITY_VM_SUFFIX = "@vm";

    static ComputeSystem of(JsonNode properties) {
        String id = HcsJson.text(properties, "Id");
        if (id == null) {
            throw new IllegalStateException("HCS described a compute system without an Id");
        }
        String name = HcsJson.text(properties, "Name");
        return new ComputeSystem(id, name == null || name.isBlank() ? id : name, HcsJson.text(properties, "SystemType"),
                HcsJson.text(properties, "Owner"), HcsJson.text(properties, "State"),
                HcsJson.text(properties, "RuntimeOsType"), HcsJson.text(properties, "RuntimeId"),
                HcsJson.text(properties, "HostingSystemId"));
    }

    /** Every system in an enumeration result, in HCS's order. */
    static List<ComputeSystem> listOf(String enumeration) {
        List<ComputeSystem> systems = new ArrayList<>();
        for (JsonNode properties : HcsJson.read(enumeration)) {
            systems.add(of(properties));
        }
        return systems;
    }

    /**
     * The systems that have not stopped. A stopped one is gone for Wharf even if HCS still lists it
     * while someone holds a handle: it has been reported exited once, and HCS forgets it next.
     */
    static List<ComputeSystem> listLive(String enumeration) {
        return listOf(enumeration).stream().filter(system -> !"Stopped".equals(system.state())).toList();
    }

    ContainerState containerState() {
        if (state == null) {
            return ContainerState.UNKNOWN;
        }
        return switch (state) {
            case "Created" -> ContainerState.CREATED;
            case "Running" -> ContainerState.RUNNING;
            case "Paused" -> ContainerState.PAUSED;
            case "Stopped" -> ContainerState.EXITED;
            default -> ContainerState.UNKNOWN;
        };
    }

    boolean isVirtualMachine() {
        return "VirtualMachine".equalsIgnoreCase(systemType);
    }

    /** A process-isolated container shares the host's kernel and reports the all-zero runtime id. */
    private static final String NO_RUNTIME = "00000000-0000-0000-0000-000000000000";

    /**
     * The utility VM this system runs in: its HostingSystemId, or {@code <id>@vm} when HCS lists such a VM
     * (containerd's Hyper-V isolation); null for process isolation, for VMs themselves, and when HCS does
     * not say which VM (Docker's own Hyper-V containers).
     */
    String utilityVm(Set<String> knownIds) {
        if (isVirtualMachine()) {
            return null;
        }
        if (hostingSystemId != null && !hostingSystemId.isBlank()) {
            return hostingSystemId;
        }
        return knownIds.contains(id + UTILITY_VM_SUFFIX) ? id + UTILITY_VM_SUFFIX : null;
    }

    /** The kind-specific facts a user looks for: owner, type, isolation and its utility VM, runtime id. */
    Map<String, String> facts(Set<String> knownIds) {
        Map<String, String> facts = new LinkedHashMap<>();
        put(facts, "owner", owner);
        put(facts, "systemType", systemType);
        put(facts, "runtimeOsType", runtimeOsType);
        put(facts, "runtimeId", runtimeId);
        String utilityVm = utilityVm(knownIds);
        boolean ownVm = runtimeId != null && !runtimeId.isBlank() && !NO_RUNTIME.equals(runtimeId);
        facts.put("isolation", isVirtualMachine() || utilityVm != null || ownVm ? "hyperv" : "process");
        put(facts, "utilityVm", utilityVm);
        if (isVirtualMachine() && id.endsWith(UTILITY_VM_SUFFIX)) {
            facts.put("utilityVmOf", id.substring(0, id.length() - UTILITY_VM_SUFFIX.length()));
        }
        return facts;
    }

    /**
     * As a list shows it. HCS knows no image, creation time, labels, ports or mounts of a compute system;
     * those stay empty rather than invented.
     */
    ContainerSummary summary(Set<String> knownIds) {
        return new ContainerSummary(id, name, null, containerState(), state, null, Map.of(), List.of(), List.of(),
                List.of(), facts(knownIds));
    }

    private static void put(Map<String, String> facts, String key, String value) {
        if (value != null && !value.isBlank()) {
            facts.put(key, value);
        }
    }
}
