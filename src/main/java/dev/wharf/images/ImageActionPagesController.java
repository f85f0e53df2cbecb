package dev.wharf.images;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.PruneResult;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.Bytes;
import dev.wharf.web.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Tagging, removing and pruning images from the pages, through the same code as the API
 * ({@link ImageChanges}: the same checks and audit entries). Each has a page of its own that works as a
 * plain form: a refusal comes back on it, next to what was refused, with what was typed kept; success
 * goes back to the host's images with a notice. Removing and pruning ask first.
 */
@Controller
class ImageActionPagesController {

    private final ImageChanges changes;
    private final VisibleHosts hosts;
    private final Inventory inventory;
    private final ImageForms forms;
    private final ImageRights rights;

    ImageActionPagesController(ImageChanges changes, VisibleHosts hosts, Inventory inventory, ImageForms forms, ImageRights rights) {
        this.rights = rights;
        this.changes = changes;
        this.hosts = hosts;
        this.inventory = inventory;
        this.forms = forms;
    }

    @Requires(Permission.IMAGE_PULL)
    @GetMapping("/hosts/{hostId}/images/{imageId}/tag")
    String tagForm(@PathVariable UUID hostId, @PathVariable String imageId, Authentication caller, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_PULL);
        model.addAllAttributes(tagPage(host, known(host, imageId), new ImageForms.TagForm(null, "latest"), Map.of()));
        return "images/tag";
    }

    @Requires(Permission.IMAGE_PULL)
    @PostMapping("/hosts/{hostId}/images/{imageId}/tag")
    ModelAndView tag(@PathVariable UUID hostId, @PathVariable String imageId, ImageForms.TagForm form, Authentication caller,
            RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_PULL);
        ImageApiController.TagRequest request = form.request();
        Map<String, String> errors = forms.errors(request);
        HttpStatus status = HttpStatus.BAD_REQUEST;
        if (errors.isEmpty()) {
            try {
                changes.tag(caller, hostId, imageId, request.repo(), request.tag());
                flash.addFlashAttribute("notice", "Tagged " + ImageRow.shortId(imageId) + " as " + request.repo() + ":" + request.tag() + ".");
                return new ModelAndView("redirect:/hosts/" + hostId + "/images");
            } catch (EngineException e) {
                errors = Map.of("repo", e.getMessage()); // the engine's words, next to the name it refused
                status = status(e);
            }
        }
        ImageRow image = inventoried(hostId, imageId).orElseGet(() -> new ImageRow(unknown(imageId), List.of()));
        return new ModelAndView("images/tag", tagPage(host, image, form, errors), status);
    }

    @Requires(Permission.IMAGE_DELETE)
    @GetMapping("/hosts/{hostId}/images/{imageId}/remove")
    String confirmRemove(@PathVariable UUID hostId, @PathVariable String imageId, Authentication caller, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_DELETE);
        model.addAllAttributes(removePage(caller, host, known(host, imageId), imageId, null));
        return "images/remove";
    }

    @Requires(Permission.IMAGE_DELETE)
    @PostMapping("/hosts/{hostId}/images/{imageId}/remove")
    ModelAndView remove(@PathVariable UUID hostId, @PathVariable String imageId, @RequestParam(defaultValue = "false") boolean force,
            Authentication caller, RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_DELETE);
        Optional<ImageRow> image = inventoried(hostId, imageId);
        String name = image.map(ImageRow::name).orElse(ImageRow.shortId(imageId));
        try {
            changes.remove(caller, hostId, imageId, force);
            flash.addFlashAttribute("notice", "Removed image " + name + ".");
        } catch (EngineException.NotFound e) {
            flash.addFlashAttribute("notice", "Image " + name + " is not there any more: " + e.getMessage());
        } catch (EngineException e) {
            // stay on the question with the engine's answer; a conflict (a container uses it) offers force
            return new ModelAndView("images/remove", removePage(caller, host, image.orElse(null), imageId, e), status(e));
        }
        return new ModelAndView("redirect:/hosts/" + hostId + "/images");
    }

    /** What a prune would remove, asked of the engine (a dry run), with a button to go ahead. */
    @Requires(Permission.IMAGE_DELETE)
    @GetMapping("/hosts/{hostId}/images/prune")
    ModelAndView previewPrune(@PathVariable UUID hostId, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_DELETE);
        return preview(caller, host, null, HttpStatus.OK);
    }

    /**
     * Prunes only when sent from the preview ({@code confirm=true}): a bare post (a stale form, a script) is
     * shown the preview instead, since a prune cannot be undone.
     */
    @Requires(Permission.IMAGE_DELETE)
    @PostMapping("/hosts/{hostId}/images/prune")
    ModelAndView prune(@PathVariable UUID hostId, @RequestParam(defaultValue = "false") boolean confirm, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_DELETE);
        if (!confirm) {
            return preview(caller, host, "Nothing was pruned: confirm on this page, after checking what would go.",
                    HttpStatus.BAD_REQUEST);
        }
        Inventory.Snapshot before = inventory.loaded(hostId); // the tags and sizes the prune is about to remove
        try {
            PruneResult pruned = changes.prune(caller, hostId);
            return new ModelAndView("images/prune", prunePage(host, pruned, before, null), HttpStatus.OK);
        } catch (EngineException e) {
            return preview(caller, host, e.getMessage(), status(e));
        }
    }

    private ModelAndView preview(Authentication caller, RegisteredHost host, String error, HttpStatus status) {
        try {
            PruneResult wouldGo = changes.previewPrune(caller, host.id());
            return new ModelAndView("images/prune", prunePage(host, wouldGo, inventory.loaded(host.id()), error), status);
        } catch (EngineException e) {
            return new ModelAndView("images/prune", prunePage(host, null, null, error != null ? error : e.getMessage()), status(e));
        }
    }

    /**
     * A prune's page. A real prune names the layers it deleted next to the images; the images are those the
     * inventory knew as images just before (a preview lists images only).
     */
    private static Map<String, Object> prunePage(RegisteredHost host, PruneResult result, Inventory.Snapshot before, String error) {
        List<String> removed = result == null ? List.of() : result.removed();
        Map<String, ImageSummary> known = new java.util.HashMap<>();
        if (before != null) {
            before.images().forEach(image -> known.put(image.id(), image));
        }
        boolean allImages = result == null || result.dryRun() || before == null;
        List<ImageRow> rows = removed.stream().filter(id -> allImages || known.containsKey(id))
                .map(id -> new ImageRow(known.getOrDefault(id, unknown(id)), List.of())).toList();
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("host", host);
        model.put("result", result);
        model.put("rows", rows);
        model.put("layers", removed.size() - rows.size());
        model.put("reclaimed", result == null ? null : Bytes.binary(result.reclaimedBytes()));
        model.put("error", error);
        return model;
    }

    private static Map<String, Object> tagPage(RegisteredHost host, ImageRow image, ImageForms.TagForm form, Map<String, String> errors) {
        return Map.of("host", host, "image", image, "form", form, "errors", errors);
    }

    private Map<String, Object> removePage(Authentication caller, RegisteredHost host, ImageRow image, String imageId,
            EngineException refusal) {
        Map<String, Object> model = new java.util.HashMap<>();
        model.put("host", host);
        model.put("seeContainers", rights.on(caller, host).seeContainers());
        model.put("image", image);
        model.put("imageId", imageId);
        model.put("error", refusal == null ? null : refusal.getMessage());
        model.put("offerForce", refusal instanceof EngineException.Conflict || (image != null && !image.usedBy().isEmpty()));
        return model;
    }

    /** The image as the inventory last saw it, or a 404 naming it (never "No host", which the host's own check says). */
    private ImageRow known(RegisteredHost host, String imageId) {
        return inventoried(host.id(), imageId)
                .orElseThrow(() -> new NotFoundException("No image " + imageId + " on " + host.name()));
    }

    /** By full id, short id (with or without {@code sha256:}) or tag. */
    private Optional<ImageRow> inventoried(UUID hostId, String imageId) {
        Inventory.Snapshot snapshot = inventory.loaded(hostId);
        if (snapshot == null) {
            return Optional.empty();
        }
        String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
        return ImageRow.of(snapshot.images(), snapshot.containers()).stream()
                .filter(row -> row.image().id().equals(imageId) || row.image().tags().contains(imageId)
                        || (hex.length() >= 12 && row.image().id().startsWith("sha256:" + hex)))
                .findFirst();
    }

    private static ImageSummary unknown(String imageId) {
        return new ImageSummary(imageId, List.of(), 0, null, -1);
    }

    private static HttpStatus status(EngineException e) {
        if (e instanceof EngineException.Conflict) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof EngineException.NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof EngineException.Rejected || e instanceof EngineException.Unsupported) {
            return HttpStatus.BAD_REQUEST;
        }
        return HttpStatus.BAD_GATEWAY;
    }
}
