package dev.wharf.engine;

import java.util.List;

/** What a prune removed (or, in a dry run, would remove), and the space that frees. */
public record PruneResult(List<String> removed, long reclaimedBytes, boolean dryRun) {

    public PruneResult {
        removed = List.copyOf(removed);
    }
}
