package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.NotFoundException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A row's actions as pages use them: start, stop, restart, kill, pause and resume, through the same code
 * as the API ({@link ContainerChanges}: the same checks and audit entries). A plain form is sent back to
 * the list it came from with a notice; an htmx request gets the outcome alone, for the row's own
 * message cell. Removing asks first, on a page of its own, and offers to force a running container.
 */
@Controller
class ContainerActionPagesController {

    private static final Set<ContainerState> RUNNING = EnumSet.of(ContainerState.RUNNING, ContainerState.PAUSED,
            ContainerState.RESTARTING);

    private final ContainerChanges changes;
    private final VisibleHosts hosts;
    private final HostEngines engines;
    private final Inventory inventory;
    private final ContainerRights rights;

    ContainerActionPagesController(ContainerChanges changes, VisibleHosts hosts, HostEngines engines, Inventory inventory,
            ContainerRights rights) {
        this.changes = changes;
        this.hosts = hosts;
        this.engines = engines;
        this.inventory = inventory;
        this.rights = rights;
    }

    /** The actions cell of one row, for its viewer: what a row the live stream added to a page asks for. */
    @Requires(Permission.CONTAINER_READ)
    @GetMapping("/hosts/{hostId}/containers/{containerId}/actions")
    String actions(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestHeader(name = "HX-Current-URL", required = false) String page, Authentication caller, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_READ);
        ContainerSummary container = known(hostId, containerId)
                .orElseThrow(() -> new NotFoundException("No container " + containerId + " on " + host.name()));
        model.addAttribute("hostId", hostId);
        model.addAttribute("c", container);
        model.addAttribute("allowed", rights.on(caller, host));
        model.addAttribute("back", Back.orElse(Back.pathOf(page), Back.hostList(hostId)));
        return "fragments/containers :: actionsCell";
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/start")
    String start(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication caller, Model model,
            RedirectAttributes flash) {
        return act(ContainerAction.START, hostId, containerId, back, htmx != null, caller, model, flash);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/stop")
    String stop(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication caller, Model model,
            RedirectAttributes flash) {
        return act(ContainerAction.STOP, hostId, containerId, back, htmx != null, caller, model, flash);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/restart")
    String restart(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication caller, Model model,
            RedirectAttributes flash) {
        return act(ContainerAction.RESTART, hostId, containerId, back, htmx != null, caller, model, flash);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/kill")
    String kill(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication caller, Model model,
            RedirectAttributes flash) {
        return act(ContainerAction.KILL, hostId, containerId, back, htmx != null, caller, model, flash);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/pause")
    String pause(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication caller, Model model,
            RedirectAttributes flash) {
        return act(ContainerAction.PAUSE, hostId, containerId, back, htmx != null, caller, model, flash);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/resume")
    String resume(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            @RequestHeader(name = "HX-Request", required = false) String htmx, Authentication caller, Model model,
            RedirectAttributes flash) {
        return act(ContainerAction.RESUME, hostId, containerId, back, htmx != null, caller, model, flash);
    }

    @Requires(Permission.CONTAINER_DELETE)
    @GetMapping("/hosts/{hostId}/containers/{containerId}/remove")
    String confirmRemove(@PathVariable UUID hostId, @PathVariable String containerId, @RequestParam(required = false) String back,
            Authentication caller, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_DELETE);
        ContainerSummary container;
        try {
            container = engines.engine(hostId).inspect(containerId).summary();
        } catch (EngineException.NotFound e) {
            throw new NotFoundException("No container " + containerId + " on " + host.name());
        }
        model.addAllAttributes(removePage(host, container, container.id(), Back.orElse(back, Back.hostList(hostId)), null));
        return "containers/remove";
    }

    @Requires(Permission.CONTAINER_DELETE)
    @PostMapping("/hosts/{hostId}/containers/{containerId}/remove")
    ModelAndView remove(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "false") boolean force, @RequestParam(required = false) String back,
            Authentication caller, RedirectAttributes flash) {
        String to = Back.orElse(back, Back.hostList(hostId));
        String name = displayName(hostId, containerId);
        try {
            changes.remove(caller, hostId, containerId, force);
            flash.addFlashAttribute("notice", "Removed container " + name + ".");
        } catch (EngineException.NotFound e) {
            flash.addFlashAttribute("notice", "Container " + name + " is not there any more: " + e.getMessage());
        } catch (EngineException e) {
            // stay on the question, with the engine's answer next to it (a running container needs force)
            RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_DELETE);
            ContainerSummary container = known(hostId, containerId).orElse(null);
            return new ModelAndView("containers/remove", removePage(host, container, containerId, to, e.getMessage()),
                    e instanceof EngineException.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_GATEWAY);
        }
        return new ModelAndView("redirect:" + to);
    }

    private String act(ContainerAction action, UUID hostId, String containerId, String back, boolean htmx,
            Authentication caller, Model model, RedirectAttributes flash) {
        String name = displayName(hostId, containerId);
        String failure = null;
        try {
            changes.run(caller, hostId, containerId, action, ContainerAction.DEFAULT_GRACE, ContainerAction.DEFAULT_SIGNAL);
        } catch (EngineException | NotFoundException e) {
            failure = e.getMessage(); // the engine's own words, shown as text
        }
        if (htmx) {
            model.addAttribute("text", failure == null ? action.done() : failure);
            model.addAttribute("failed", failure != null);
            return "fragments/containers :: outcomeOf";
        }
        flash.addFlashAttribute("notice", failure == null
                ? name + " " + action.done() + "."
                : "Could not " + action.path() + " " + name + ": " + failure);
        return "redirect:" + Back.orPage(back, Back.hostList(hostId));
    }

    /** The confirmation page's model; {@code container} is null when it cannot be read any more. */
    private static Map<String, Object> removePage(RegisteredHost host, ContainerSummary container, String containerId,
            String back, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("host", host);
        model.put("container", container);
        model.put("containerId", containerId);
        model.put("running", container != null && RUNNING.contains(container.state()));
        model.put("back", back);
        model.put("error", error);
        return model;
    }

    /** The container as the inventory last saw it, by id or name; empty when it is not known (any more). */
    private Optional<ContainerSummary> known(UUID hostId, String containerId) {
        Inventory.Snapshot snapshot = inventory.all().get(hostId);
        if (snapshot == null) {
            return Optional.empty();
        }
        return snapshot.containers().stream().filter(c -> c.id().equals(containerId) || containerId.equals(c.name())).findFirst();
    }

    /** What a notice calls the container: its name, or its short id. */
    private String displayName(UUID hostId, String containerId) {
        return known(hostId, containerId).map(ContainerSummary::name)
                .orElse(containerId.length() > 12 ? containerId.substring(0, 12) : containerId);
    }
}
