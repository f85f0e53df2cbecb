package dev.wharf.engine;

import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;

/** The images of one host. */
public interface Images {

    List<ImageSummary> list();

    ImageDetail inspect(String imageId);

    List<ImageLayer> history(String imageId);

    /**
     * Pulls {@code reference}, reporting progress as it goes; returns when the pull is complete.
     *
     * @param auth registry credentials, null for anonymous
     */
    void pull(String reference, RegistryAuth auth, Consumer<PullProgress> progress);

    void tag(String imageId, String repository, String tag);

    void remove(String imageId, boolean force);

    /** Removes dangling images, or with {@code dryRun} only lists what would go. */
    PruneResult prune(boolean dryRun);

    /** Imports a root filesystem tar as a new image; returns its id. */
    String importTar(InputStream tar, String repository, String tag);
}
