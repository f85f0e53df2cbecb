package dev.wharf.volumes;

import dev.wharf.access.CallerAudit;
import dev.wharf.access.Permission;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.VolumeSpec;
import dev.wharf.engine.VolumeSummary;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.HostPath;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.ForbiddenInputException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every change to a volume, for the API and the pages alike: the same checks (the host's policy on what a
 * local volume may mount), the same audit entries ({@code volume.create}, {@code volume.delete},
 * {@code volume.prune}), and the inventory read again afterwards.
 */
@Component
class VolumeChanges {

    private final HostActions actions;
    private final Inventory inventory;
    private final VisibleHosts hosts;
    private final AuditTrail audit;

    VolumeChanges(HostActions actions, Inventory inventory, VisibleHosts hosts, AuditTrail audit) {
        this.actions = actions;
        this.inventory = inventory;
        this.hosts = hosts;
        this.audit = audit;
    }

    VolumeSummary create(Authentication caller, UUID hostId, VolumeSpec spec) {
        requireAllowedDevice(hosts.require(caller, hostId, Permission.VOLUME_MANAGE), spec, caller);
        VolumeSummary created = actions.change(caller, hostId, Permission.VOLUME_MANAGE, "volume.create", spec.name(),
                engine -> engine.volumes().create(spec));
        inventory.refreshVolumes(hostId);
        return created;
    }

    void remove(Authentication caller, UUID hostId, String name, boolean force) {
        actions.change(caller, hostId, Permission.VOLUME_MANAGE, "volume.delete", name, engine -> {
            engine.volumes().remove(name, force);
            return null;
        });
        inventory.refreshVolumes(hostId);
    }

    /** A dry run changes nothing, so it is read rather than audited; it still needs volume.manage, as the prune does. */
    PruneResult prune(Authentication caller, UUID hostId, boolean dryRun) {
        if (dryRun) {
            return actions.read(caller, hostId, Permission.VOLUME_MANAGE, engine -> engine.volumes().prune(true));
        }
        PruneResult pruned = actions.change(caller, hostId, Permission.VOLUME_MANAGE, "volume.prune", null,
                engine -> engine.volumes().prune(false));
        inventory.refreshVolumes(hostId);
        return pruned;
    }

    /**
     * The local driver mounts what its options say into every container that uses the volume: a bind of
     * any host path ({@code o=bind,device=/etc}), an overlay over the host's root, a block device. Only a
     * plain volume, a tmpfs, or a bind of a path the host's policy allows (allowHostMounts) is let through.
     */
    private void requireAllowedDevice(RegisteredHost host, VolumeSpec spec, Authentication caller) {
        boolean local = spec.driver() == null || spec.driver().isBlank() || spec.driver().equals("local");
        Map<String, String> options = spec.options();
        if (!local || options.isEmpty()) {
            return; // another driver is a plugin the host's admins installed; it decides what its options mean
        }
        String type = options.getOrDefault("type", "");
        String device = options.get("device");
        boolean tmpfs = type.equals("tmpfs") && (device == null || device.equals("tmpfs"))
                && !options.getOrDefault("o", "").contains("bind");
        boolean allowedBind = type.equals("none") && device != null && !device.startsWith("/dev/")
                && Arrays.stream(options.getOrDefault("o", "").split(",")).allMatch(o -> Set.of("bind", "rbind", "ro", "rw").contains(o.strip()))
                && options.keySet().stream().allMatch(Set.of("type", "o", "device")::contains)
                && HostPath.parse(device).map(path -> host.policy().allowsHostPath(path)).orElse(false);
        if (!tmpfs && !allowedBind) {
            ForbiddenInputException refused = new ForbiddenInputException("options", "a local volume with options " + options.keySet()
                    + " (type '" + type + "') is refused on host '" + host.name() + "': only tmpfs, or a bind (type none, o bind)"
                    + " of a path the host's policy allows (allowHostMounts)");
            audit.record(CallerAudit.entry(caller, "volume.create", host.id(), spec.name(), AuditEntry.Outcome.DENIED, refused.getMessage()));
            throw refused;
        }
    }
}
