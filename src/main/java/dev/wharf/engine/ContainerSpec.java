package dev.wharf.engine;

import java.util.List;
import java.util.Map;

/**
 * What to create. Dangerous settings (privileged, added capabilities, devices, host namespaces, bind
 * mounts) pass through as given: the console checks them against the host's policy before it calls
 * an engine.
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        String network,
        List<ContainerSummary.PortBinding> ports,
        List<ContainerSummary.Mount> mounts,
        String restartPolicy,
        Long memoryBytes,
        Double cpus,
        boolean privileged,
        List<String> capAdd,
        List<String> devices,
        String pidMode,
        String ipcMode) {

    public ContainerSpec {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
        mounts = mounts == null ? List.of() : List.copyOf(mounts);
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
        devices = devices == null ? List.of() : List.copyOf(devices);
    }
}
