package dev.wharf.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A container as inspect shows it.
 *
 * @param env environment as the engine holds it; the API masks values unless the caller may read them
 * @param extra kind-specific facts (an HCS system's owner, isolation, utility VM; a Docker restart policy)
 */
public record ContainerDetail(
        ContainerSummary summary,
        List<String> command,
        Map<String, String> env,
        Instant startedAt,
        Instant finishedAt,
        Integer exitCode,
        Map<String, String> extra) {

    public ContainerDetail {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        extra = Map.copyOf(extra);
    }
}
