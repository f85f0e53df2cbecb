package dev.wharf.containers;

import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.StatsSample;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Answer shapes of the container API. */
final class ContainerViews {

    static final String MASK = "******";
    /** What a list without {@code all=true} shows, as {@code docker ps} does. */
    static final java.util.Set<ContainerState> LISTED_WITHOUT_ALL = java.util.EnumSet.of(ContainerState.RUNNING,
            ContainerState.PAUSED, ContainerState.RESTARTING);

    private ContainerViews() {}

    record Container(String id, String name, String image, String state, String status, Instant createdAt,
            Map<String, String> labels, List<ContainerSummary.PortBinding> ports, List<ContainerSummary.Mount> mounts,
            List<String> networks, Map<String, String> extra) {
        static Container of(ContainerSummary c) {
            return new Container(c.id(), c.name(), c.image(), c.state().apiName(), c.status(), c.createdAt(), c.labels(),
                    c.ports(), c.mounts(), c.networks(), c.extra());
        }
    }

    /**
     * @param envMasked true when the caller may not read environment values: keys are shown, values are not
     * @param memoryLimitBytes the memory it was limited to, null when unlimited or the kind does not say
     * @param cpuLimit the CPUs it was limited to ({@code 1.5} as {@code docker run --cpus 1.5}), null when unlimited
     */
    record Detail(String id, String name, String image, String state, Instant createdAt, Instant startedAt,
            Instant finishedAt, Integer exitCode, List<String> command, Map<String, String> env, boolean envMasked,
            Map<String, String> labels, List<ContainerSummary.PortBinding> ports, List<ContainerSummary.Mount> mounts,
            List<String> networks, Long memoryLimitBytes, Double cpuLimit, Map<String, String> extra) {
        static Detail of(ContainerDetail d, boolean mayReadEnv) {
            ContainerSummary c = d.summary();
            Map<String, String> env = new LinkedHashMap<>(d.env());
            if (!mayReadEnv) {
                env.replaceAll((key, value) -> MASK);
            }
            return new Detail(c.id(), c.name(), c.image(), c.state().apiName(), c.createdAt(), d.startedAt(),
                    d.finishedAt(), d.exitCode(), d.command(), env, !mayReadEnv, c.labels(), c.ports(), c.mounts(),
                    c.networks(), d.limits().memoryBytes(), d.limits().cpus(), d.extra());
        }
    }

    record Line(String stream, Instant at, String text) {
        static Line of(LogLine line) {
            return new Line(line.stream().name().toLowerCase(Locale.ROOT), line.at(), line.text());
        }
    }

    record Stats(Instant at, Double cpuPercent, long cpuTimeNanos, long memoryBytes, Long memoryLimitBytes,
            long networkRxBytes, long networkTxBytes, long blockReadBytes, long blockWriteBytes) {
        static Stats of(StatsSample s) {
            return new Stats(s.at(), s.cpuPercent(), s.cpuTimeNanos(), s.memoryBytes(), s.memoryLimitBytes(),
                    s.networkRxBytes(), s.networkTxBytes(), s.blockReadBytes(), s.blockWriteBytes());
        }
    }
}
