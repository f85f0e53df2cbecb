package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The host pages: list, register, host page, edit, remove (with a confirmation page; no script needed). */
@Controller
class HostPagesController {

    private final VisibleHosts hosts;
    private final HostChanges changes;
    private final HostStatuses statuses;
    private final AccessPolicy access;
    private final HostConnectionChecks checks;

    HostPagesController(VisibleHosts hosts, HostChanges changes, HostStatuses statuses, AccessPolicy access,
            HostConnectionChecks checks) {
        this.hosts = hosts;
        this.changes = changes;
        this.statuses = statuses;
        this.access = access;
        this.checks = checks;
    }

    /** The form offers hcs only where computecore loads; elsewhere choosing it could only fail. */
    @ModelAttribute("hcsAvailable")
    boolean hcsAvailable() {
        return checks.hcsAvailable();
    }

    /** The register/edit form. PEM text can be pasted or uploaded; an uploaded file wins over pasted text. */
    record HostForm(String name, String group, String kind, String endpoint, String tlsCa, String tlsCert,
            String tlsKey, MultipartFile tlsCaFile, MultipartFile tlsCertFile, MultipartFile tlsKeyFile) {

        static HostForm empty() {
            return new HostForm("", "", "docker", "", "", "", "", null, null, null);
        }

        static HostForm of(RegisteredHost host) {
            return new HostForm(host.name(), host.group(), host.kind().apiName(), host.endpoint(), "", "", "", null, null, null);
        }

        HostRegistration registration() {
            String ca = pem(tlsCaFile, tlsCa);
            String cert = pem(tlsCertFile, tlsCert);
            String key = pem(tlsKeyFile, tlsKey);
            boolean anyTls = !ca.isBlank() || !cert.isBlank() || !key.isBlank();
            return new HostRegistration(name, group, kind, endpoint,
                    anyTls ? new HostRegistration.TlsPems(ca, cert, key) : null);
        }

        /** What the form shows again after a refusal: never the private key. */
        HostForm withoutKey() {
            return new HostForm(name, group, kind, endpoint, tlsCa, tlsCert, "", null, null, null);
        }

        private static String pem(MultipartFile file, String text) {
            try {
                if (file != null && !file.isEmpty()) {
                    return new String(file.getBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new InvalidInputException("tls", "the uploaded file could not be read");
            }
            return text == null ? "" : text;
        }
    }

    record HostRow(RegisteredHost host, HostStatuses.Status status) {}

    @Requires(value = Permission.HOST_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/hosts")
    String list(Authentication caller, Model model) {
        List<HostRow> rows = hosts.all(caller).stream()
                .map(host -> new HostRow(host, statuses.of(host.id()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("canRegister", access.may(caller, Permission.HOST_MANAGE, HostScope.none()));
        return "hosts/list";
    }

    @Requires(value = Permission.HOST_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/hosts/new")
    String registerForm(Authentication caller, Model model) {
        return form(model, HostForm.empty(), null, Map.of());
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

    @Requires(Permission.HOST_READ)
    @GetMapping("/hosts/{hostId}")
    String host(@PathVariable UUID hostId, Authentication caller, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.HOST_READ);
        model.addAttribute("host", host);
        model.addAttribute("status", statuses.of(hostId));
        model.addAttribute("canManage", access.may(caller, Permission.HOST_MANAGE, host.scope()));
        return "hosts/detail";
    }

    @Requires(Permission.HOST_MANAGE)
    @GetMapping("/hosts/{hostId}/edit")
    String editForm(@PathVariable UUID hostId, Authentication caller, Model model) {
        RegisteredHost host = managed(hostId, caller);
        return form(model, HostForm.of(host), host, Map.of());
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

    @Requires(Permission.HOST_MANAGE)
    @GetMapping("/hosts/{hostId}/remove")
    String confirmRemove(@PathVariable UUID hostId, Authentication caller, Model model) {
        model.addAttribute("host", managed(hostId, caller));
        return "hosts/remove";
    }

    @Requires(Permission.HOST_MANAGE)
    @PostMapping("/hosts/{hostId}/remove")
    String remove(@PathVariable UUID hostId, Authentication caller, RedirectAttributes flash) {
        RegisteredHost removed = changes.remove(caller, managed(hostId, caller));
        flash.addFlashAttribute("notice", "Removed host " + removed.name() + ".");
        return "redirect:/hosts";
    }

    private ModelAndView refused(HostForm form, RegisteredHost editing, InvalidInputException e) {
        ModelAndView page = new ModelAndView("hosts/form");
        page.addObject("form", form.withoutKey());
        page.addObject("editing", editing);
        page.addObject("errors", Map.of(e.field(), e.reason()));
        page.setStatus(e instanceof ConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
        return page;
    }

    private static String form(Model model, HostForm form, RegisteredHost editing, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("errors", errors);
        return "hosts/form";
    }

    private RegisteredHost managed(UUID hostId, Authentication caller) {
        return hosts.require(caller, hostId, Permission.HOST_MANAGE);
    }
}
