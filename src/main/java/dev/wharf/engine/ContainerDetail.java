package dev.wharf.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as inspect shows it.
 *
 * @param env environment as the engine holds it; the API masks values unless the caller may read them
 * @param extra kind-specific facts (an HCS system's owner, isolation, utility VM; a Docker restart policy)
 * @param limits the resources it was limited to when created; {@link Limits#NONE} where the kind does not say
 */
public record ContainerDetail(
        ContainerSummary summary,
        List<String> command,
        Map<String, String> env,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        Map<String, String> extra,
        Limits limits) {

    public ContainerDetail {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        extra = Map.copyOf(extra);
        limits = limits == null ? Limits.NONE : limits;
    }

    /** Without limits: what a kind that knows none (HCS) reports. */
    public ContainerDetail(ContainerSummary summary, List<String> command, Map<String, String> env, Instant startedAt,
            Instant finishedAt, Integer exitCode, Map<String, String> extra) {
        this(summary, command, env, startedAt, finishedAt, exitCode, extra, Limits.NONE);
    }

    /**
     * What a container may use at most.
     *
     * @param memoryBytes its memory limit, null when unlimited
     * @param nanoCpus its CPU limit in billionths of a CPU ({@code --cpus 1.5} is 1,500,000,000), null when unlimited
     */
    public record Limits(Long memoryBytes, Long nanoCpus) {

        public static final Limits NONE = new Limits(null, null);

        public Limits {
            memoryBytes = memoryBytes == null || memoryBytes <= 0 ? null : memoryBytes;
            nanoCpus = nanoCpus == null || nanoCpus <= 0 ? null : nanoCpus;
        }

        /** The CPU limit as a number of CPUs, as {@code docker run --cpus} takes it; null when unlimited. */
        public Double cpus() {
            return nanoCpus == null ? null : nanoCpus / 1e9;
        }
    }
}
