package dev.wharf.volumes;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.VolumeSpec;
import dev.wharf.engine.VolumeSummary;
import dev.wharf.hosts.HostActions;
import dev.wharf.live.Inventory;
import dev.wharf.web.EngineNames;
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
    private final VolumeChanges changes;

    VolumeApiController(HostActions actions, Inventory inventory, VolumeChanges changes) {
        this.actions = actions;
        this.inventory = inventory;
        this.changes = changes;
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
        VolumeSummary created = changes.create(caller, hostId, new VolumeSpec(body.name(), body.driver(), body.labels(), body.options()));
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + hostId + "/volumes/" + created.name())).body(created);
    }

    @Requires(Permission.VOLUME_MANAGE)
    @DeleteMapping("/{name}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, @PathVariable String name,
            @RequestParam(defaultValue = "false") boolean force, Authentication caller) {
        changes.remove(caller, hostId, name, force);
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.VOLUME_MANAGE)
    @PostMapping("/prune")
    PruneResult prune(@PathVariable UUID hostId, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        return changes.prune(caller, hostId, dryRun);
    }
}
