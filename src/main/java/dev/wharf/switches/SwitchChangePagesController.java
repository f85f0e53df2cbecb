package dev.wharf.switches;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageViews;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating, removing, connecting and disconnecting switches from the pages, through {@link SwitchChanges}
 * (the API's checks and audit entries). A refused create comes back next to its field with everything typed
 * kept; removing asks first; connect and disconnect answer htmx with the switch's attached part alone, and a
 * plain form with the switch's page and a notice.
 */
@Controller
class SwitchChangePagesController {

    private final VisibleHosts hosts;
    private final SwitchChanges changes;
    private final SwitchRights rights;
    private final HostActions actions;
    private final Inventory inventory;
    private final Validator validator;

    SwitchChangePagesController(VisibleHosts hosts, SwitchChanges changes, SwitchRights rights, HostActions actions,
            Inventory inventory, Validator validator) {
        this.hosts = hosts;
        this.changes = changes;
        this.rights = rights;
        this.actions = actions;
        this.inventory = inventory;
        this.validator = validator;
    }

    @Requires(Permission.SWITCH_MANAGE)
    @GetMapping("/hosts/{hostId}/switches/new")
    ModelAndView form(@PathVariable UUID hostId, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_MANAGE);
        return formPage(caller, host, SwitchForm.empty(), Map.of(), HttpStatus.OK);
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping("/hosts/{hostId}/switches")
    ModelAndView create(@PathVariable UUID hostId, @ModelAttribute SwitchForm form, Authentication caller, RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_MANAGE);
        SwitchApiController.CreateSwitch request = form.request();
        Map<String, String> invalid = violations(request);
        if (!invalid.isEmpty()) {
            return formPage(caller, host, form, invalid, HttpStatus.BAD_REQUEST);
        }
        SwitchSummary created;
        try {
            created = changes.create(caller, hostId, request.spec());
        } catch (EngineException.Conflict e) {
            return formPage(caller, host, form, Map.of("name", e.getMessage()), HttpStatus.CONFLICT);
        } catch (EngineException e) {
            return formPage(caller, host, form, Map.of(fieldOf(e.getMessage()), e.getMessage()),
                    e instanceof EngineException.Rejected ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY);
        }
        flash.addFlashAttribute("notice", "Created switch " + created.name() + (created.internal() ? " (internal)." : "."));
        return new ModelAndView("redirect:/hosts/" + hostId + "/switches/" + created.id());
    }

    @Requires(Permission.SWITCH_MANAGE)
    @GetMapping("/hosts/{hostId}/switches/{switchId}/remove")
    ModelAndView confirmRemove(@PathVariable UUID hostId, @PathVariable String switchId, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_MANAGE);
        return removePage(host, read(caller, host, switchId), switchId, null, HttpStatus.OK);
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping("/hosts/{hostId}/switches/{switchId}/remove")
    ModelAndView remove(@PathVariable UUID hostId, @PathVariable String switchId, Authentication caller, RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_MANAGE);
        String name = known(hostId, switchId).map(SwitchSummary::name).orElse(switchId);
        try {
            changes.remove(caller, hostId, switchId);
            flash.addFlashAttribute("notice", "Removed switch " + name + ".");
        } catch (EngineException.NotFound e) {
            flash.addFlashAttribute("notice", "Switch " + name + " is not there any more: " + e.getMessage());
        } catch (EngineException e) {
            // stay on the question with the engine's answer (containers still attached, a built-in network)
            return removePage(host, known(hostId, switchId).orElse(null), switchId, e.getMessage(),
                    e instanceof EngineException.Conflict ? HttpStatus.CONFLICT : HttpStatus.BAD_GATEWAY);
        }
        return new ModelAndView("redirect:/hosts/" + hostId + "/switches");
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping("/hosts/{hostId}/switches/{switchId}/connect")
    ModelAndView connect(@PathVariable UUID hostId, @PathVariable String switchId, @RequestParam(required = false) String containerId,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx, Authentication caller,
            RedirectAttributes flash) {
        return plug(true, hostId, switchId, containerId, htmx, caller, flash);
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping("/hosts/{hostId}/switches/{switchId}/disconnect")
    ModelAndView disconnect(@PathVariable UUID hostId, @PathVariable String switchId,
            @RequestParam(required = false) String containerId,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx, Authentication caller,
            RedirectAttributes flash) {
        return plug(false, hostId, switchId, containerId, htmx, caller, flash);
    }

    private ModelAndView plug(boolean connect, UUID hostId, String switchId, String containerId, String htmx, Authentication caller,
            RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_MANAGE);
        String container = containerName(hostId, containerId);
        String outcome;
        boolean failed = true;
        if (containerId == null || containerId.isBlank()) {
            outcome = "Choose a container to " + (connect ? "connect." : "disconnect.");
        } else {
            try {
                if (connect) {
                    changes.connect(caller, hostId, switchId, containerId);
                } else {
                    changes.disconnect(caller, hostId, switchId, containerId);
                }
                outcome = (connect ? "Connected " : "Disconnected ") + container + ".";
                failed = false;
            } catch (EngineException e) {
                outcome = "Could not " + (connect ? "connect " : "disconnect ") + container + ": " + e.getMessage();
            }
        }
        if (!PageViews.isHtmx(htmx)) {
            flash.addFlashAttribute("notice", outcome);
            return new ModelAndView("redirect:/hosts/" + hostId + "/switches/" + switchId);
        }
        // the attached part, read again: what the engine has now, with the outcome next to the form that asked
        ModelAndView part = new ModelAndView("switches/detail :: attached", HttpStatus.OK);
        part.addAllObjects(SwitchPagesController.detailModel(host, read(caller, host, switchId), rights.on(caller, host), inventory));
        part.addObject("outcome", outcome);
        part.addObject("failed", failed);
        return part;
    }

    private ModelAndView formPage(Authentication caller, RegisteredHost host, SwitchForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("switches/new", status);
        page.addObject("host", host);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("manages", rights.hasSwitches(host));
        page.addObject("hcs", host.kind() == HostKind.HCS);
        page.addObject("types", types(caller, host));
        return page;
    }

    /** What the engine offers; when it cannot say now, its usual type alone (the engine still decides on create). */
    private List<String> types(Authentication caller, RegisteredHost host) {
        try {
            return actions.read(caller, host.id(), Permission.SWITCH_MANAGE, engine -> engine.switches().types());
        } catch (RuntimeException unanswered) {
            return host.kind() == HostKind.HCS ? List.of("NAT") : List.of("bridge");
        }
    }

    private ModelAndView removePage(RegisteredHost host, SwitchSummary sw, String switchId, String error, HttpStatus status) {
        ModelAndView page = new ModelAndView("switches/remove", status);
        page.addObject("host", host);
        page.addObject("sw", sw);
        page.addObject("switchId", switchId);
        page.addObject("error", error);
        return page;
    }

    private SwitchSummary read(Authentication caller, RegisteredHost host, String switchId) {
        try {
            return actions.read(caller, host.id(), Permission.SWITCH_READ, engine -> engine.switches().inspect(switchId));
        } catch (EngineException.NotFound e) {
            throw new NotFoundException("No switch " + switchId + " on " + host.name());
        }
    }

    /** The API body's own rules, each reason next to the form field it came from. */
    private Map<String, String> violations(SwitchApiController.CreateSwitch request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<SwitchApiController.CreateSwitch> violation : validator.validate(request)) {
            errors.merge(SwitchForm.field(violation.getPropertyPath().toString()), violation.getMessage(), (a, b) -> a + "; " + b);
        }
        if (request.name() == null) {
            errors.putIfAbsent("name", "must not be blank");
        }
        return errors;
    }

    /** Where an engine's refusal belongs on the form: it names the field only in its words. */
    private static String fieldOf(String message) {
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (text.contains("gateway")) {
            return "gateway";
        }
        if (text.contains("subnet") || text.contains("pool") || text.contains("address")) {
            return "subnet";
        }
        if (text.contains("driver") || text.contains("plugin") || text.contains("type")) {
            return "type";
        }
        if (text.contains("adapter") || text.contains("parent") || text.contains("interface")) {
            return "adapter";
        }
        return "engine";
    }

    private java.util.Optional<SwitchSummary> known(UUID hostId, String switchId) {
        Inventory.Snapshot snapshot = inventory.loaded(hostId);
        return snapshot == null ? java.util.Optional.empty()
                : snapshot.switches().stream().filter(s -> s.id().equals(switchId) || switchId.equals(s.name())).findFirst();
    }

    private String containerName(UUID hostId, String containerId) {
        if (containerId == null) {
            return "";
        }
        Inventory.Snapshot snapshot = inventory.loaded(hostId);
        return (snapshot == null ? java.util.Optional.<String>empty() : snapshot.containers().stream()
                .filter(c -> c.id().equals(containerId) || containerId.equals(c.name())).map(c -> c.name()).findFirst())
                .orElse(containerId.length() > 12 ? containerId.substring(0, 12) : containerId);
    }
}
