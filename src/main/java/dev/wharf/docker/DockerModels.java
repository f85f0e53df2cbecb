package dev.wharf.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import com.github.dockerjava.api.model.Version;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.StatsSample;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** docker-java's models to the port's records. Missing values become empty, never a failure. */
final class DockerModels {

    private DockerModels() {}

    static ContainerSummary summary(Container c) {
        List<ContainerSummary.PortBinding> ports = c.getPorts() == null ? List.of() : Arrays.stream(c.getPorts())
                .filter(p -> p.getPrivatePort() != null)
                .map(DockerModels::port).toList();
        List<ContainerSummary.Mount> mounts = c.getMounts() == null ? List.of() : c.getMounts().stream()
                .map(DockerModels::mount).toList();
        List<String> networks = c.getNetworkSettings() == null || c.getNetworkSettings().getNetworks() == null
                ? List.of() : List.copyOf(c.getNetworkSettings().getNetworks().keySet());
        return new ContainerSummary(c.getId(), name(c.getNames()), c.getImage(), ContainerState.parse(c.getState()),
                c.getStatus(), c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()),
                labels(c.getLabels()), ports, mounts, networks, imageId(c.getImageId()));
    }

    static ContainerDetail detail(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState state = r.getState();
        ContainerState parsed = state == null ? ContainerState.UNKNOWN : ContainerState.parse(state.getStatus());
        var config = r.getConfig();
        List<ContainerSummary.Mount> mounts = r.getMounts() == null ? List.of() : r.getMounts().stream()
                .map(m -> new ContainerSummary.Mount(m.getName() != null ? "volume" : "bind", m.getSource(),
                        m.getDestination() == null ? null : m.getDestination().getPath(), Boolean.FALSE.equals(m.getRW())))
                .toList();
        List<String> networks = r.getNetworkSettings() == null || r.getNetworkSettings().getNetworks() == null
                ? List.of() : List.copyOf(r.getNetworkSettings().getNetworks().keySet());
        ContainerSummary summary = new ContainerSummary(r.getId(), stripSlash(r.getName()),
                config == null ? null : config.getImage(), parsed, parsed.apiName(), time(r.getCreated()),
                config == null ? Map.of() : labels(config.getLabels()), ports(r), mounts, networks, imageId(r.getImageId()));
        Map<String, String> extra = new LinkedHashMap<>();
        if (r.getHostConfig() != null && r.getHostConfig().getRestartPolicy() != null) {
            extra.put("restartPolicy", r.getHostConfig().getRestartPolicy().toString());
        }
        if (r.getImageId() != null) {
            extra.put("imageId", r.getImageId());
        }
        return new ContainerDetail(summary,
                config == null || config.getCmd() == null ? List.of() : Arrays.asList(config.getCmd()),
                config == null ? Map.of() : env(config.getEnv()),
                state == null ? null : time(state.getStartedAt()),
                state == null ? null : time(state.getFinishedAt()),
                state == null ? null : state.getExitCode(), extra, limits(r.getHostConfig()));
    }

    /** Docker's 0 means "no limit" for both. */
    private static ContainerDetail.Limits limits(com.github.dockerjava.api.model.HostConfig host) {
        return host == null ? ContainerDetail.Limits.NONE : new ContainerDetail.Limits(host.getMemory(), host.getNanoCPUs());
    }

    /**
     * The id of the image a container runs, as {@code extra.imageId}: its {@code image} is the reference it was
     * created from, which a retag or a pull of a newer image under the same name no longer leads back to.
     */
    private static Map<String, String> imageId(String imageId) {
        return imageId == null || imageId.isBlank() ? Map.of() : Map.of("imageId", imageId);
    }

    static HostInfo hostInfo(Info info, Version version, String apiVersion) {
        Map<ContainerState, Integer> counts = new EnumMap<>(ContainerState.class);
        counts.put(ContainerState.RUNNING, orZero(info.getContainersRunning()));
        counts.put(ContainerState.PAUSED, orZero(info.getContainersPaused()));
        counts.put(ContainerState.EXITED, orZero(info.getContainersStopped()));
        return new HostInfo(version.getVersion(), apiVersion, info.getOperatingSystem(), info.getOsType(),
                info.getArchitecture(), info.getKernelVersion(), orZero(info.getNCPU()),
                info.getMemTotal() == null ? 0 : info.getMemTotal(), counts, orZero(info.getImages()), info.getDriver());
    }

    static StatsSample stats(Statistics s) {
        long cpuTotal = 0;
        Double cpuPercent = null;
        if (s.getCpuStats() != null && s.getCpuStats().getCpuUsage() != null) {
            cpuTotal = orZero(s.getCpuStats().getCpuUsage().getTotalUsage());
            var pre = s.getPreCpuStats();
            if (pre != null && pre.getCpuUsage() != null && pre.getSystemCpuUsage() != null && s.getCpuStats().getSystemCpuUsage() != null) {
                long cpuDelta = cpuTotal - orZero(pre.getCpuUsage().getTotalUsage());
                long systemDelta = s.getCpuStats().getSystemCpuUsage() - pre.getSystemCpuUsage();
                long cpus = s.getCpuStats().getOnlineCpus() != null ? s.getCpuStats().getOnlineCpus() : 1;
                cpuPercent = systemDelta > 0 && cpuDelta >= 0 ? (double) cpuDelta / systemDelta * cpus * 100.0 : 0.0;
            }
        }
        long rx = 0;
        long tx = 0;
        if (s.getNetworks() != null) {
            for (StatisticNetworksConfig n : s.getNetworks().values()) {
                rx += orZero(n.getRxBytes());
                tx += orZero(n.getTxBytes());
            }
        }
        long read = 0;
        long write = 0;
        if (s.getBlkioStats() != null && s.getBlkioStats().getIoServiceBytesRecursive() != null) {
            for (BlkioStatEntry e : s.getBlkioStats().getIoServiceBytesRecursive()) {
                if ("read".equalsIgnoreCase(e.getOp())) {
                    read += orZero(e.getValue());
                } else if ("write".equalsIgnoreCase(e.getOp())) {
                    write += orZero(e.getValue());
                }
            }
        }
        var memory = s.getMemoryStats();
        return new StatsSample(Objects.requireNonNullElse(time(s.getRead()), Instant.now()), cpuPercent, cpuTotal,
                memory == null ? 0 : orZero(memory.getUsage()), memory == null ? null : memory.getLimit(),
                rx, tx, read, write);
    }

    static Instant time(String value) {
        if (value == null || value.isBlank() || value.startsWith("0001-01-01")) {
            return null; // Docker's zero time: never started, never finished
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Published ports as inspect tells them (exposed but unpublished ones have no binding); for a container
     * that publishes none now (stopped, or on a network that publishes nothing), the bindings it was created
     * with, where the host port may be unset (the engine picks one when it publishes).
     */
    private static List<ContainerSummary.PortBinding> ports(InspectContainerResponse r) {
        List<ContainerSummary.PortBinding> published = r.getNetworkSettings() == null ? List.of()
                : ports(r.getNetworkSettings().getPorts());
        return !published.isEmpty() || r.getHostConfig() == null ? published : ports(r.getHostConfig().getPortBindings());
    }

    private static List<ContainerSummary.PortBinding> ports(com.github.dockerjava.api.model.Ports bound) {
        if (bound == null || bound.getBindings() == null) {
            return List.of();
        }
        List<ContainerSummary.PortBinding> ports = new java.util.ArrayList<>();
        bound.getBindings().forEach((exposed, bindings) -> {
            if (bindings == null) {
                return;
            }
            for (var binding : bindings) {
                Integer hostPort = binding.getHostPortSpec() == null || binding.getHostPortSpec().isBlank()
                        || !binding.getHostPortSpec().matches("\\d+") ? null : Integer.valueOf(binding.getHostPortSpec());
                ports.add(new ContainerSummary.PortBinding(binding.getHostIp() == null || binding.getHostIp().isBlank()
                        ? null : binding.getHostIp(), hostPort, exposed.getPort(), exposed.getProtocol().toString()));
            }
        });
        return ports;
    }

    private static ContainerSummary.PortBinding port(ContainerPort p) {
        return new ContainerSummary.PortBinding(p.getIp(), p.getPublicPort(), p.getPrivatePort(),
                p.getType() == null ? "tcp" : p.getType());
    }

    private static ContainerSummary.Mount mount(ContainerMount m) {
        return new ContainerSummary.Mount(m.getName() != null ? "volume" : "bind", m.getSource(), m.getDestination(),
                Boolean.FALSE.equals(m.getRw()));
    }

    /** Docker's {@code KEY=VALUE} list as a map, in order. */
    static Map<String, String> env(String[] env) {
        Map<String, String> values = new LinkedHashMap<>();
        if (env != null) {
            for (String entry : env) {
                int eq = entry.indexOf('=');
                values.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return values;
    }

    private static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }

    private static String name(String[] names) {
        return names == null || names.length == 0 ? null : stripSlash(names[0]);
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
