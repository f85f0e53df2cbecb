package dev.wharf.engine;

import java.util.List;

/** The volumes of one host. */
public interface Volumes {

    List<VolumeSummary> list();

    VolumeSummary inspect(String name);

    VolumeSummary create(VolumeSpec spec);

    void remove(String name, boolean force);

    /** Removes volumes no container uses, or with {@code dryRun} only lists what would go. */
    PruneResult prune(boolean dryRun);
}
