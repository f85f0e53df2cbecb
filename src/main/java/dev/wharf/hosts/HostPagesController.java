package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.EngineDriver;
import dev.wharf.engine.EngineTarget;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageViews;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The host pages: list, register, host page, edit, remove (with a confirmation page), and "Test connection"
 * on the form. Everything works without script; with htmx, pages answer with their content only and the
 * connection test with its result only.
 */
@Controller
class HostPagesController {

    private static final String HTMX = PageViews.HTMX_REQUEST;

    private final VisibleHosts hosts;
    private final HostChanges changes;
    private final HostStatuses statuses;
    private final AccessPolicy access;
    private final HostConnectionChecks checks;
    private final HostRegistry registry;
    private final ObjectProvider<HostPageSection> sections;

    HostPagesController(VisibleHosts hosts, HostChanges changes, HostStatuses statuses, AccessPolicy access,
            HostConnectionChecks checks, HostRegistry registry, ObjectProvider<HostPageSection> sections) {
        this.sections = sections;
        this.hosts = hosts;
        this.changes = changes;
        this.statuses = statuses;
        this.access = access;
        this.checks = checks;
        this.registry = registry;
    }

    /** The form offers hcs only where computecore loads; elsewhere choosing it could only fail. */
    @ModelAttribute("hcsAvailable")
    boolean hcsAvailable() {
        return checks.hcsAvailable();
    }

    record HostRow(RegisteredHost host, HostStatuses.Status status) {}

    @Requires(value = Permission.HOST_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/hosts")
    String list(Authentication caller, Model model, @RequestHeader(name = HTMX, required = false) String htmx) {
        List<HostRow> rows = hosts.all(caller).stream()
                .map(host -> new HostRow(host, statuses.of(host.id()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("canRegister", access.may(caller, Permission.HOST_MANAGE, HostScope.none()));
        return PageViews.page("hosts/list", htmx);
    }

    @Requires(value = Permission.HOST_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/hosts/new")
    String registerForm(Model model, @RequestHeader(name = HTMX, required = false) String htmx) {
        return form(model, HostForm.empty(), null, Map.of(), htmx);
    }

    @Requires(value = Permission.HOST_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/hosts")
    ModelAndView register(@ModelAttribute HostForm form, Authentication caller, RedirectAttributes flash) {
        try {
            RegisteredHost host = changes.register(caller, form.registration());
            flash.addFlashAttribute("notice", "Registered host " + host.name() + ".");
            return new ModelAndView("redirect:/hosts/" + host.id());
        } catch (InvalidInputException e) {
            return refused(form, null, e);
        }
    }

    /** Tries the form's endpoint and material without saving anything; needs what registering needs. */
    @Requires(value = Permission.HOST_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/hosts/test")
    String testNew(@ModelAttribute HostForm form, Model model, @RequestHeader(name = HTMX, required = false) String htmx) {
        model.addAttribute("test", tried(() -> checks.test(form.registration())));
        return PageViews.isHtmx(htmx) ? "hosts/form :: test-result" : form(model, form.withoutKey(), null, Map.of(), null);
    }

    @Requires(Permission.HOST_READ)
    @GetMapping("/hosts/{hostId}")
    String host(@PathVariable UUID hostId, Authentication caller, Model model, HttpServletRequest request,
            @RequestHeader(name = HTMX, required = false) String htmx) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.HOST_READ);
        model.addAttribute("host", host);
        model.addAttribute("status", statuses.of(hostId));
        model.addAttribute("canManage", access.may(caller, Permission.HOST_MANAGE, host.scope()));
        model.addAttribute("canReadContainers", access.may(caller, Permission.CONTAINER_READ, host.scope()));
        model.addAttribute("sections", sections.orderedStream().map(section -> section.on(host, caller, request))
                .flatMap(Optional::stream).toList());
        return PageViews.page("hosts/detail", htmx);
    }

    @Requires(Permission.HOST_MANAGE)
    @GetMapping("/hosts/{hostId}/edit")
    String editForm(@PathVariable UUID hostId, Authentication caller, Model model,
            @RequestHeader(name = HTMX, required = false) String htmx) {
        RegisteredHost host = managed(hostId, caller);
        return form(model, HostForm.of(host), host, Map.of(), htmx);
    }

    @Requires(Permission.HOST_MANAGE)
    @PostMapping("/hosts/{hostId}")
    ModelAndView edit(@PathVariable UUID hostId, @ModelAttribute HostForm form, Authentication caller,
            RedirectAttributes flash) {
        RegisteredHost current = managed(hostId, caller);
        try {
            RegisteredHost host = changes.edit(caller, current, form.registration());
            flash.addFlashAttribute("notice", "Saved host " + host.name() + ".");
            return new ModelAndView("redirect:/hosts/" + hostId);
        } catch (InvalidInputException e) {
            return refused(form, current, e);
        }
    }

    /**
     * Tries the edited form without saving it. The host's own endpoint and stored material need host.manage
     * on the host; another endpoint or new material needs it globally, as saving them would.
     */
    @Requires(Permission.HOST_MANAGE)
    @PostMapping("/hosts/{hostId}/test")
    String testEdited(@PathVariable UUID hostId, @ModelAttribute HostForm form, Authentication caller, Model model,
            @RequestHeader(name = HTMX, required = false) String htmx) {
        RegisteredHost current = managed(hostId, caller);
        model.addAttribute("test", tried(() -> {
            HostRegistration request = form.registration();
            changes.requireMayConnect(caller, current, request);
            EngineTarget stored;
            try {
                stored = registry.target(hostId);
            } catch (IllegalStateException unreadableKey) {
                return EngineDriver.ConnectionCheck.failed(unreadableKey.getMessage());
            }
            return checks.test(request, stored);
        }));
        return PageViews.isHtmx(htmx) ? "hosts/form :: test-result" : form(model, form.withoutKey(), current, Map.of(), null);
    }

    @Requires(Permission.HOST_MANAGE)
    @GetMapping("/hosts/{hostId}/remove")
    String confirmRemove(@PathVariable UUID hostId, Authentication caller, Model model,
            @RequestHeader(name = HTMX, required = false) String htmx) {
        model.addAttribute("host", managed(hostId, caller));
        return PageViews.page("hosts/remove", htmx);
    }

    @Requires(Permission.HOST_MANAGE)
    @PostMapping("/hosts/{hostId}/remove")
    String remove(@PathVariable UUID hostId, Authentication caller, RedirectAttributes flash) {
        RegisteredHost removed = changes.remove(caller, managed(hostId, caller));
        flash.addFlashAttribute("notice", "Removed host " + removed.name() + ".");
        return "redirect:/hosts";
    }

    /** Refused input is a result like any other: the form shows it next to the button, naming the field. */
    private static EngineDriver.ConnectionCheck tried(Supplier<EngineDriver.ConnectionCheck> test) {
        try {
            return test.get();
        } catch (InvalidInputException e) {
            return EngineDriver.ConnectionCheck.failed(e.field() + ": " + e.reason());
        }
    }

    private ModelAndView refused(HostForm form, RegisteredHost editing, InvalidInputException e) {
        ModelAndView page = new ModelAndView("hosts/form");
        page.addObject("form", form.withoutKey());
        page.addObject("editing", editing);
        page.addObject("errors", Map.of(e.field(), e.reason()));
        page.setStatus(e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
        return page;
    }

    private static String form(Model model, HostForm form, RegisteredHost editing, Map<String, String> errors, String htmx) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        return PageViews.page("hosts/form", htmx);
    }

    private RegisteredHost managed(UUID hostId, Authentication caller) {
        return hosts.require(caller, hostId, Permission.HOST_MANAGE);
    }
}
