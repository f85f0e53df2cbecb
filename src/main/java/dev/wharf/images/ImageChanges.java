package dev.wharf.images;

import dev.wharf.access.Permission;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.RegistryAuth;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every change to a host's images, for the API and the pages alike: the same permission checks and the
 * same audit entries. After each change the host's images are listed again, so the caller's next list
 * shows it before the engine's own event arrives.
 */
@Component
class ImageChanges {

    private final HostActions actions;
    private final VisibleHosts hosts;
    private final HostEngines engines;
    private final ImagePulls pulls;
    private final Inventory inventory;

    ImageChanges(HostActions actions, VisibleHosts hosts, HostEngines engines, ImagePulls pulls, Inventory inventory) {
        this.actions = actions;
        this.hosts = hosts;
        this.engines = engines;
        this.pulls = pulls;
        this.inventory = inventory;
    }

    /** Starts a pull in the background and answers its operation id; progress comes as events. */
    UUID pull(Authentication caller, UUID hostId, String reference, RegistryAuth auth) {
        hosts.require(caller, hostId, Permission.IMAGE_PULL);
        return pulls.start(caller, hostId, engines.engine(hostId), reference, auth);
    }

    void tag(Authentication caller, UUID hostId, String imageId, String repository, String tag) {
        actions.change(caller, hostId, Permission.IMAGE_PULL, "image.tag", imageId, engine -> {
            engine.images().tag(imageId, repository, tag);
            return null;
        });
        inventory.refreshImages(hostId);
    }

    /** An image a container uses needs {@code force}; without it the engine's refusal is a conflict. */
    void remove(Authentication caller, UUID hostId, String imageId, boolean force) {
        actions.change(caller, hostId, Permission.IMAGE_DELETE, "image.delete", imageId, engine -> {
            engine.images().remove(imageId, force);
            return null;
        });
        inventory.refreshImages(hostId);
    }

    /** What a prune would remove: a read, not audited, but it asks for the permission a prune needs. */
    PruneResult previewPrune(Authentication caller, UUID hostId) {
        return actions.read(caller, hostId, Permission.IMAGE_DELETE, engine -> engine.images().prune(true));
    }

    PruneResult prune(Authentication caller, UUID hostId) {
        PruneResult pruned = actions.change(caller, hostId, Permission.IMAGE_DELETE, "image.prune", null,
                engine -> engine.images().prune(false));
        inventory.refreshImages(hostId);
        return pruned;
    }
}
