package dev.wharf.volumes;

import dev.wharf.access.CallerAudit;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
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
import dev.wharf.web.EngineNames;
import dev.wharf.web.ForbiddenInputException;
import dev.wharf.web.PageOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/hosts/{hostId}/volumes}. */
@RestController
@RequestMapping("/api/v1/hosts/{hostId}/volumes")
class VolumeApiController {

    private final HostActions actions;

    private final Inventory inventory;
    private final VisibleHosts hosts;
    private final AuditTrail audit;

    VolumeApiController(HostActions actions, Inventory inventory, VisibleHosts hosts, AuditTrail audit) {
        this.actions = actions;
        this.inventory = inventory;
        this.hosts = hosts;
        this.audit = audit;
    }

    record CreateVolume(@Size(max = 128) @Pattern(regexp = EngineNames.PATTERN, message = EngineNames.MESSAGE) String name,
            @Size(max = 64) String driver, Map<@NotBlank String, @NotNull String> labels, Map<@NotBlank String, @NotNull String> options) {}

    @Requires(Permission.VOLUME_READ)
    @GetMapping
    PageOf<VolumeSummary> list(@PathVariable UUID hostId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<VolumeSummary> volumes = actions.read(caller, hostId, Permission.VOLUME_READ, engine -> {
            engine.volumes(); // a kind without volumes answers 501
            return inventory.of(hostId, true).volumes();
        });
        return PageOf.slice(volumes, page, size);
    }

    @Requires(Permission.VOLUME_READ)
    @GetMapping("/{name}")
    VolumeSummary inspect(@PathVariable UUID hostId, @PathVariable String name, Authentication caller) {
        return actions.read(caller, hostId, Permission.VOLUME_READ, engine -> engine.volumes().inspect(name));
    }

    @Requires(Permission.VOLUME_MANAGE)
    @PostMapping
    ResponseEntity<VolumeSummary> create(@PathVariable UUID hostId, @RequestBody @Valid CreateVolume body, Authentication caller) {
        requireAllowedDevice(hosts.require(caller, hostId, Permission.VOLUME_MANAGE), body, caller);
        VolumeSummary created = actions.change(caller, hostId, Permission.VOLUME_MANAGE, "volume.create", body.name(),
                engine -> engine.volumes().create(new VolumeSpec(body.name(), body.driver(), body.labels(), body.options())));
        inventory.refreshVolumes(hostId);
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + hostId + "/volumes/" + created.name())).body(created);
    }

    /**
     * The local driver mounts what its options say into every container that uses the volume: a bind of
     * any host path ({@code o=bind,device=/etc}), an overlay over the host's root, a block device. Only a
     * plain volume, a tmpfs, or a bind of a path the host's policy allows (allowHostMounts) is let through.
     */
    private void requireAllowedDevice(RegisteredHost host, CreateVolume body, Authentication caller) {
        boolean local = body.driver() == null || body.driver().isBlank() || body.driver().equals("local");
        Map<String, String> options = body.options() == null ? Map.of() : body.options();
        if (!local || options.isEmpty()) {
            return; // another driver is a plugin the host's admins installed; it decides what its options mean
        }
        String type = options.getOrDefault("type", "");
        String device = options.get("device");
        boolean tmpfs = type.equals("tmpfs") && (device == null || device.equals("tmpfs"))
                && !options.getOrDefault("o", "").contains("bind");
        boolean allowedBind = type.equals("none") && device != null && !device.startsWith("/dev/")
                && java.util.Arrays.stream(options.getOrDefault("o", "").split(",")).allMatch(o -> java.util.Set.of("bind", "rbind", "ro", "rw").contains(o.strip()))
                && options.keySet().stream().allMatch(java.util.Set.of("type", "o", "device")::contains)
                && HostPath.parse(device).map(path -> host.policy().allowsHostPath(path)).orElse(false);
        if (!tmpfs && !allowedBind) {
            ForbiddenInputException refused = new ForbiddenInputException("options", "a local volume with options " + options.keySet()
                    + " (type '" + type + "') is refused on host '" + host.name() + "': only tmpfs, or a bind (type none, o bind)"
                    + " of a path the host's policy allows (allowHostMounts)");
            audit.record(CallerAudit.entry(caller, "volume.create", host.id(), body.name(), AuditEntry.Outcome.DENIED, refused.getMessage()));
            throw refused;
        }
    }

    @Requires(Permission.VOLUME_MANAGE)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, @PathVariable String name,
            @RequestParam(defaultValue = "false") boolean force, Authentication caller) {
        actions.change(caller, hostId, Permission.VOLUME_MANAGE, "volume.delete", name, engine -> {
            engine.volumes().remove(name, force);
            return null;
        });
        inventory.refreshVolumes(hostId);
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.VOLUME_MANAGE)
    @PostMapping("/prune")
    PruneResult prune(@PathVariable UUID hostId, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        if (dryRun) {
            return actions.read(caller, hostId, Permission.VOLUME_MANAGE, engine -> engine.volumes().prune(true));
        }
        PruneResult pruned = actions.change(caller, hostId, Permission.VOLUME_MANAGE, "volume.prune", null,
                engine -> engine.volumes().prune(false));
        inventory.refreshVolumes(hostId);
        return pruned;
    }
}
