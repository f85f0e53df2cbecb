package dev.wharf.volumes;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.VolumeSpec;
import dev.wharf.engine.VolumeSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.Bytes;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageViews;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A host's volumes: the list with the containers using each, create, remove (asked first; force offered
 * when the engine refuses), and prune (a dry run shown first, then the prune). Changes go through
 * {@link VolumeChanges}, the API's checks and audit entries. An hcs host has no volumes: its page says so.
 */
@Controller
class VolumePagesController {

    private final VisibleHosts hosts;
    private final Inventory inventory;
    private final HostEngines engines;
    private final AccessPolicy access;
    private final VolumeChanges changes;
    private final Validator validator;

    VolumePagesController(VisibleHosts hosts, Inventory inventory, HostEngines engines, AccessPolicy access, VolumeChanges changes,
            Validator validator) {
        this.hosts = hosts;
        this.inventory = inventory;
        this.engines = engines;
        this.access = access;
        this.changes = changes;
        this.validator = validator;
    }

    /** A volume with the containers whose mounts name it. */
    record VolumeRow(VolumeSummary volume, List<ContainerSummary> usedBy) {}

    @Requires(Permission.VOLUME_READ)
    @GetMapping("/hosts/{hostId}/volumes")
    String list(@PathVariable UUID hostId, Authentication caller, Model model,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String htmxTarget, HttpServletResponse response) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.VOLUME_READ);
        boolean volumes = hasVolumes(host);
        List<VolumeRow> rows = List.of();
        if (volumes) {
            try {
                Inventory.Snapshot snapshot = inventory.of(hostId, true);
                rows = snapshot.volumes().stream().sorted(Comparator.comparing(VolumeSummary::name))
                        .map(v -> new VolumeRow(v, usedBy(v, snapshot.containers()))).toList();
            } catch (EngineException.Unavailable e) {
                model.addAttribute("unavailable", e.getMessage());
            }
        }
        model.addAttribute("host", host);
        model.addAttribute("hasVolumes", volumes);
        model.addAttribute("rows", rows);
        model.addAttribute("manage", volumes && access.may(caller, Permission.VOLUME_MANAGE, host.scope()));
        model.addAttribute("seeContainers", access.may(caller, Permission.CONTAINER_READ, host.scope()));
        // the same address answers the whole page, or the table alone when /live has a page fetch it again
        response.addHeader("Vary", "HX-Request, HX-Target");
        if (PageViews.isHtmx(htmx) && ("volumes-" + hostId).equals(htmxTarget)) {
            return "volumes/list :: listing";
        }
        return PageViews.page("volumes/list", htmx);
    }

    @Requires(Permission.VOLUME_MANAGE)
    @GetMapping("/hosts/{hostId}/volumes/new")
    ModelAndView form(@PathVariable UUID hostId, Authentication caller) {
        return formPage(hosts.require(caller, hostId, Permission.VOLUME_MANAGE), VolumeForm.empty(), Map.of(), HttpStatus.OK);
    }

    @Requires(Permission.VOLUME_MANAGE)
    @PostMapping("/hosts/{hostId}/volumes")
    ModelAndView create(@PathVariable UUID hostId, @ModelAttribute VolumeForm form, Authentication caller, RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.VOLUME_MANAGE);
        if (!hasVolumes(host)) {
            return formPage(host, form, Map.of(), HttpStatus.NOT_IMPLEMENTED);
        }
        VolumeForm.Parsed parsed = form.request();
        Map<String, String> invalid = new LinkedHashMap<>(parsed.errors());
        for (ConstraintViolation<VolumeApiController.CreateVolume> violation : validator.validate(parsed.request())) {
            String path = violation.getPropertyPath().toString();
            invalid.merge(path.startsWith("labels") ? "labels" : path, violation.getMessage(), (a, b) -> a + "; " + b);
        }
        if (!invalid.isEmpty()) {
            return formPage(host, form, invalid, HttpStatus.BAD_REQUEST);
        }
        VolumeApiController.CreateVolume request = parsed.request();
        VolumeSummary created;
        try {
            created = changes.create(caller, hostId, new VolumeSpec(request.name(), request.driver(), request.labels(), request.options()));
        } catch (InvalidInputException e) {
            return formPage(host, form, Map.of("engine", e.getMessage()), HttpStatus.FORBIDDEN);
        } catch (EngineException e) {
            String field = e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("driver") ? "driver" : "engine";
            return formPage(host, form, Map.of(field, e.getMessage()),
                    e instanceof EngineException.Rejected || e instanceof EngineException.NotFound ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY);
        }
        flash.addFlashAttribute("notice", "Created volume " + created.name() + ".");
        return new ModelAndView("redirect:/hosts/" + hostId + "/volumes");
    }

    @Requires(Permission.VOLUME_MANAGE)
    @GetMapping("/hosts/{hostId}/volumes/{name}/remove")
    ModelAndView confirmRemove(@PathVariable UUID hostId, @PathVariable String name, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.VOLUME_MANAGE);
        return removePage(host, name, null, HttpStatus.OK);
    }

    @Requires(Permission.VOLUME_MANAGE)
    @PostMapping("/hosts/{hostId}/volumes/{name}/remove")
    ModelAndView remove(@PathVariable UUID hostId, @PathVariable String name, @RequestParam(defaultValue = "false") boolean force,
            Authentication caller, RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.VOLUME_MANAGE);
        try {
            changes.remove(caller, hostId, name, force);
            flash.addFlashAttribute("notice", "Removed volume " + name + ".");
        } catch (EngineException.NotFound e) {
            flash.addFlashAttribute("notice", "Volume " + name + " is not there any more: " + e.getMessage());
        } catch (EngineException e) {
            // the engine's refusal (a container uses it) next to the question, which now offers force
            return removePage(host, name, e.getMessage(), e instanceof EngineException.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_GATEWAY);
        }
        return new ModelAndView("redirect:/hosts/" + hostId + "/volumes");
    }

    /** The dry run: what a prune would remove now. */
    @Requires(Permission.VOLUME_MANAGE)
    @GetMapping("/hosts/{hostId}/volumes/prune")
    ModelAndView previewPrune(@PathVariable UUID hostId, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.VOLUME_MANAGE);
        ModelAndView page = new ModelAndView("volumes/prune", HttpStatus.OK);
        page.addObject("host", host);
        try {
            page.addObject("preview", changes.prune(caller, hostId, true));
        } catch (EngineException e) {
            page.addObject("error", e.getMessage());
        }
        return page;
    }

    /** Prunes only when the preview's button says so: {@code confirm=true}, which no stray post carries. */
    @Requires(Permission.VOLUME_MANAGE)
    @PostMapping("/hosts/{hostId}/volumes/prune")
    ModelAndView prune(@PathVariable UUID hostId, @RequestParam(defaultValue = "false") boolean confirm, Authentication caller,
            RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.VOLUME_MANAGE);
        if (!confirm) {
            ModelAndView page = new ModelAndView("volumes/prune", HttpStatus.BAD_REQUEST);
            page.addObject("host", host);
            page.addObject("error", "Nothing was pruned: confirm on this page after reading what would go.");
            return page;
        }
        PruneResult pruned;
        try {
            pruned = changes.prune(caller, hostId, false);
        } catch (EngineException e) {
            ModelAndView page = new ModelAndView("volumes/prune", HttpStatus.BAD_GATEWAY);
            page.addObject("host", host);
            page.addObject("error", "The prune failed: " + e.getMessage());
            return page;
        }
        flash.addFlashAttribute("notice", pruned.removed().isEmpty() ? "Pruned nothing: no volume was unused."
                : "Pruned " + pruned.removed().size() + " volume" + (pruned.removed().size() == 1 ? "" : "s") + ": "
                        + String.join(", ", pruned.removed()) + " (" + Bytes.binary(pruned.reclaimedBytes()) + " freed).");
        return new ModelAndView("redirect:/hosts/" + hostId + "/volumes");
    }

    /**
     * A container uses a volume when one of its volume mounts has the volume's mountpoint as its source (what
     * Docker lists), or its name (what a create spec holds).
     */
    static List<ContainerSummary> usedBy(VolumeSummary volume, List<ContainerSummary> containers) {
        return containers.stream().filter(c -> c.mounts().stream().anyMatch(m -> "volume".equals(m.type()) && m.source() != null
                && (m.source().equals(volume.mountpoint()) || m.source().equals(volume.name()))))
                .sorted(Comparator.comparing(c -> c.name() == null ? c.id() : c.name())).toList();
    }

    private ModelAndView formPage(RegisteredHost host, VolumeForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("volumes/new", status);
        page.addObject("host", host);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("hasVolumes", hasVolumes(host));
        return page;
    }

    private ModelAndView removePage(RegisteredHost host, String name, String error, HttpStatus status) {
        ModelAndView page = new ModelAndView("volumes/remove", status);
        page.addObject("host", host);
        page.addObject("name", name);
        page.addObject("error", error);
        Inventory.Snapshot snapshot = inventory.loaded(host.id());
        VolumeSummary known = snapshot == null ? null
                : snapshot.volumes().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
        page.addObject("volume", known);
        page.addObject("usedBy", known == null ? List.of() : usedBy(known, snapshot.containers()));
        return page;
    }

    private boolean hasVolumes(RegisteredHost host) {
        return engines.capabilities(host.id()).contains(Capability.VOLUMES);
    }
}
