package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.Capability;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.ForbiddenInputException;
import dev.wharf.web.InvalidInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /hosts/{hostId}/containers/new}: the create form of a Docker host. It goes through the API's own
 * create ({@link ContainerChanges}: the same validation, the same policy checks on dangerous settings,
 * the same audit entries). The settings the host's policy refuses are shown disabled, each with why; a
 * refusal comes back next to its field with everything typed kept. A kind that cannot create (hcs) gets
 * the reason instead of a form.
 */
@Controller
class ContainerCreatePagesController {

    private static final List<String> RESTART_POLICIES = List.of("no", "always", "unless-stopped", "on-failure");

    private final VisibleHosts hosts;
    private final ContainerChanges changes;
    private final ContainerRights rights;
    private final Inventory inventory;
    private final Validator validator;

    ContainerCreatePagesController(VisibleHosts hosts, ContainerChanges changes, ContainerRights rights, Inventory inventory,
            Validator validator) {
        this.hosts = hosts;
        this.changes = changes;
        this.rights = rights;
        this.inventory = inventory;
        this.validator = validator;
    }

    @Requires(Permission.CONTAINER_CREATE)
    @GetMapping("/hosts/{hostId}/containers/new")
    ModelAndView form(@PathVariable UUID hostId, Authentication caller) {
        return page(hosts.require(caller, hostId, Permission.CONTAINER_CREATE), ContainerForm.empty(), Map.of(), HttpStatus.OK);
    }

    @Requires(Permission.CONTAINER_CREATE)
    @PostMapping("/hosts/{hostId}/containers")
    ModelAndView create(@PathVariable UUID hostId, @ModelAttribute ContainerForm form, Authentication caller,
            RedirectAttributes flash) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_CREATE);
        if (!creates(host)) {
            return page(host, form, Map.of(), HttpStatus.NOT_IMPLEMENTED);
        }
        ContainerForm.Parsed parsed = form.request();
        Map<String, String> invalid = new LinkedHashMap<>(parsed.errors());
        violations(parsed.request()).forEach(invalid::putIfAbsent);
        if (!invalid.isEmpty()) {
            return page(host, form, invalid, HttpStatus.BAD_REQUEST);
        }
        String id;
        try {
            id = changes.create(caller, hostId, parsed.request());
        } catch (InvalidInputException e) {
            return page(host, form, Map.of(ContainerForm.formField(e.field()), ContainerForm.linePrefix(e.field()) + e.reason()),
                    e instanceof ForbiddenInputException ? HttpStatus.FORBIDDEN : HttpStatus.BAD_REQUEST);
        } catch (EngineException.Conflict e) {
            return page(host, form, Map.of("name", e.getMessage()), HttpStatus.CONFLICT);
        } catch (EngineException.NotFound e) {
            return page(host, form, Map.of("image", e.getMessage() + " (pull it onto this host first)"), HttpStatus.BAD_REQUEST);
        } catch (EngineException e) {
            return page(host, form, Map.of("engine", e.getMessage()),
                    e instanceof EngineException.Rejected ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY);
        }
        String name = parsed.request().name() != null ? parsed.request().name() : id.substring(0, Math.min(12, id.length()));
        flash.addFlashAttribute("notice", started(caller, hostId, id, name, form.startNow()));
        return new ModelAndView("redirect:/hosts/" + hostId + "/containers/" + id);
    }

    /** Starts it when asked; a container that was made but would not start is still made, and the notice says both. */
    private String started(Authentication caller, UUID hostId, String id, String name, boolean start) {
        if (!start) {
            return "Created container " + name + ".";
        }
        try {
            changes.run(caller, hostId, id, ContainerAction.START, ContainerAction.DEFAULT_GRACE, ContainerAction.DEFAULT_SIGNAL);
            return "Created and started container " + name + ".";
        } catch (EngineException e) {
            return "Created container " + name + ", but it did not start: " + e.getMessage();
        }
    }

    /** The create body's own rules (the API's), each reason next to the form field it came from. */
    private Map<String, String> violations(ContainerRequests.Create request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<ContainerRequests.Create> violation : validator.validate(request)) {
            String path = violation.getPropertyPath().toString();
            String leaf = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) + " " : "";
            errors.merge(ContainerForm.formField(path), ContainerForm.linePrefix(path) + leaf + violation.getMessage(),
                    (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private ModelAndView page(RegisteredHost host, ContainerForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("containers/new", status);
        page.addObject("host", host);
        page.addObject("form", form);
        page.addObject("errors", errors);
        page.addObject("creates", creates(host));
        page.addObject("policy", host.policy());
        page.addObject("restartPolicies", RESTART_POLICIES);
        Inventory.Snapshot snapshot = inventory.all().get(host.id());
        page.addObject("images", snapshot == null ? List.of() : snapshot.images().stream().flatMap(i -> i.tags().stream())
                .filter(tag -> !tag.startsWith("<none>")).distinct().sorted().toList());
        page.addObject("networks", snapshot == null ? List.of() : snapshot.switches().stream().map(SwitchSummary::name)
                .filter(Objects::nonNull).sorted().toList());
        return page;
    }

    private boolean creates(RegisteredHost host) {
        return rights.capabilities(host).contains(Capability.CONTAINER_CREATE);
    }
}
