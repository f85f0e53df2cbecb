package dev.wharf.images;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.RegistryAuth;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.live.PullPanel;
import dev.wharf.web.PageViews;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A host's images, and pulling one. The table stays true without a reload: when an image changes, the
 * layout's {@code /live} stream tells the page to fetch its table again (the table holds the viewer's own
 * buttons). A pull started here shows a progress panel that {@code /live} keeps moving, by the pull's
 * operation id; without script the form still starts the pull and the page says so.
 */
@Controller
class ImagePagesController {

    private final VisibleHosts hosts;
    private final HostStatuses statuses;
    private final HostEngines engines;
    private final Inventory inventory;
    private final ImageRights rights;
    private final ImageChanges changes;
    private final ImageForms forms;

    ImagePagesController(VisibleHosts hosts, HostStatuses statuses, HostEngines engines, Inventory inventory, ImageRights rights,
            ImageChanges changes, ImageForms forms) {
        this.hosts = hosts;
        this.statuses = statuses;
        this.engines = engines;
        this.inventory = inventory;
        this.rights = rights;
        this.changes = changes;
        this.forms = forms;
    }

    /** The whole page; for htmx its content, or only the table when that is what asks ({@code HX-Target}). */
    @Requires(Permission.IMAGE_READ)
    @GetMapping("/hosts/{hostId}/images")
    String list(@PathVariable UUID hostId, @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String htmxTarget, Authentication caller,
            HttpServletResponse response, Model model) {
        // the same address answers a whole page or the table: caches must keep them apart
        response.addHeader("Vary", "HX-Request, HX-Target");
        page(caller, hostId, model);
        model.addAttribute("pull", new ImageForms.PullForm(null, null, null));
        model.addAttribute("errors", Map.of());
        if (PageViews.isHtmx(htmx) && ("images-" + hostId).equals(htmxTarget)) {
            return "images/list :: table";
        }
        return PageViews.page("images/list", htmx);
    }

    @Requires(Permission.IMAGE_PULL)
    @PostMapping("/hosts/{hostId}/images/pull")
    String pull(@PathVariable UUID hostId, ImageForms.PullForm form,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx, Authentication caller,
            HttpServletResponse response, Model model, RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_PULL);
        boolean script = PageViews.isHtmx(htmx);
        ImageApiController.PullRequest request = form.request();
        Map<String, String> errors = forms.errors(request);
        UUID operation = null;
        if (errors.isEmpty()) {
            ImageApiController.Auth auth = request.auth();
            try {
                operation = changes.pull(caller, hostId, request.reference(),
                        auth == null ? null : new RegistryAuth(auth.username(), auth.password(), auth.serverAddress()));
            } catch (EngineException e) {
                errors = Map.of("pull", e.getMessage());
            }
        }
        // the credentials are never shown again, whatever happened
        ImageForms.PullForm kept = new ImageForms.PullForm(errors.isEmpty() ? null : request.reference(), null, null);
        model.addAttribute("host", host);
        model.addAttribute("pull", kept);
        model.addAttribute("errors", errors);
        if (script) {
            // htmx swaps a 2xx only: the refusal is the form's own content
            model.addAttribute("panel", operation == null ? null : PullPanel.starting(operation, hostId, request.reference()));
            return "fragments/images :: pullAnswer";
        }
        if (!errors.isEmpty()) {
            response.setStatus(errors.containsKey("pull") ? HttpStatus.SERVICE_UNAVAILABLE.value() : HttpStatus.BAD_REQUEST.value());
            page(caller, hostId, model);
            return "images/list";
        }
        flash.addFlashAttribute("notice", "Pulling " + request.reference()
                + " has started; the image appears in the table when it is done (reload to see it).");
        return "redirect:/hosts/" + hostId + "/images";
    }

    /** The page's model: the host, its images with their containers, or why there are none to show. */
    private void page(Authentication caller, UUID hostId, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.IMAGE_READ);
        model.addAttribute("host", host);
        model.addAttribute("status", statuses.of(hostId));
        model.addAttribute("allowed", rights.on(caller, host));
        List<ImageRow> rows = List.of();
        try {
            engines.engine(hostId).images(); // a kind without images says so
            Inventory.Snapshot snapshot = inventory.of(hostId, true);
            // tagged images first, by name: untagged ones (layers of builds, earlier pulls) are seldom what is looked for
            rows = ImageRow.of(snapshot.images(), snapshot.containers()).stream()
                    .sorted(java.util.Comparator.comparing((ImageRow row) -> !row.tagged()).thenComparing(ImageRow::name)).toList();
        } catch (EngineException.Unsupported e) {
            model.addAttribute("unsupported", e.getMessage());
        } catch (EngineException e) {
            model.addAttribute("unavailable", e.getMessage());
        }
        model.addAttribute("rows", rows);
    }
}
