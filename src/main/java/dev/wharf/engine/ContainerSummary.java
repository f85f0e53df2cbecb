package dev.wharf.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as a list shows it.
 *
 * @param id the engine's full id
 * @param status the engine's own words, such as "Up 3 minutes"
 * @param image the image it runs, or null where the kind knows none (an HCS compute system)
 * @param createdAt null where the kind does not say (HCS)
 * @param extra kind-specific facts (an HCS system's owner, type, isolation and utility VM; the id of the image a
 *     Docker container runs, {@code imageId})
 */
public record ContainerSummary(
        String id,
        String name,
        String image,
        ContainerState state,
        String status,
        Instant createdAt,
        Map<String, String> labels,
        List<PortBinding> ports,
        List<Mount> mounts,
        List<String> networks,
        Map<String, String> extra) {

    public ContainerSummary(String id, String name, String image, ContainerState state, String status,
            Instant createdAt, Map<String, String> labels, List<PortBinding> ports, List<Mount> mounts,
            List<String> networks) {
        this(id, name, image, state, status, createdAt, labels, ports, mounts, networks, Map.of());
    }

    public ContainerSummary {
        extra = Map.copyOf(extra);
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
        mounts = List.copyOf(mounts);
        networks = List.copyOf(networks);
    }

    public record PortBinding(String hostIp, Integer hostPort, int containerPort, String protocol) {}

    public record Mount(String type, String source, String target, boolean readOnly) {}
}
