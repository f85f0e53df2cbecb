package dev.wharf.images;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.engine.Capability;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.RegisteredHost;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What one viewer may do to images on one host, and whether the host's kind has images at all: the pages
 * offer exactly these (the routes check again).
 */
@Component
class ImageRights {

    private final AccessPolicy access;
    private final HostEngines engines;

    ImageRights(AccessPolicy access, HostEngines engines) {
        this.access = access;
        this.engines = engines;
    }

    /**
     * @param pull pulling and tagging ({@code image.pull})
     * @param delete removing and pruning ({@code image.delete})
     * @param seeContainers whether "used by" links to the containers' pages ({@code container.read}), or names them only
     */
    record Allowed(boolean pull, boolean delete, boolean seeContainers) {

        public boolean any() {
            return pull || delete;
        }
    }

    Allowed on(Authentication caller, RegisteredHost host) {
        boolean seeContainers = access.may(caller, Permission.CONTAINER_READ, host.scope());
        if (!hasImages(host)) {
            return new Allowed(false, false, seeContainers);
        }
        return new Allowed(access.may(caller, Permission.IMAGE_PULL, host.scope()),
                access.may(caller, Permission.IMAGE_DELETE, host.scope()), seeContainers);
    }

    /** A host whose engine cannot even be opened (an unreadable key) offers nothing; its page says why. */
    private boolean hasImages(RegisteredHost host) {
        return engines.capabilities(host.id()).contains(Capability.IMAGES);
    }
}
