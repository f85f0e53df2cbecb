package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.SignedIn;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /access/roles}: the built-in and custom roles with what they grant, readable by anyone signed in
 * (as in the API); making, editing and deleting custom roles for holders of role.manage, through
 * {@link RoleController}, whose escalation rule refuses a permission the editor does not hold everywhere.
 */
@Controller
class RolePagesController {

    /** The role form: a checkbox per permission; nothing ticked sends no {@code permissions} at all. */
    record RoleForm(String name, String description, List<String> permissions) {

        static RoleForm of(AccessViews.RoleView role) {
            return new RoleForm(role.name(), role.description(), role.permissions());
        }

        static RoleForm empty() {
            return new RoleForm("", "", List.of());
        }

        public List<String> ticked() {
            return permissions == null ? List.of() : permissions;
        }

        private String describedOrNull() {
            return description == null || description.isBlank() ? null : description;
        }

        AccessRequests.CreateRole create() {
            return new AccessRequests.CreateRole(name, describedOrNull(), ticked());
        }

        AccessRequests.EditRole edit() {
            return new AccessRequests.EditRole(describedOrNull(), ticked());
        }
    }

    private final RoleController roles;
    private final FormCheck check;
    private final AccessPages pages;

    RolePagesController(RoleController roles, FormCheck check, AccessPages pages) {
        this.roles = roles;
        this.check = check;
        this.pages = pages;
    }

    @SignedIn("roles name permissions, not who holds them")
    @GetMapping("/access/roles")
    ModelAndView list(Authentication caller) {
        ModelAndView view = new ModelAndView("access/roles");
        view.addObject("roles", roles.list(0, 1000).items());
        view.addObject("rights", pages.of(caller));
        return view;
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/roles/new")
    ModelAndView createForm() {
        return form(RoleForm.empty(), null, Refusal.NONE);
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/roles")
    ModelAndView create(@ModelAttribute RoleForm form, Authentication caller, RedirectAttributes flash) {
        try {
            AccessViews.RoleView role = roles.create(check.valid(form.create()), caller).getBody();
            flash.addFlashAttribute("notice", "Created role " + role.name() + ".");
            return new ModelAndView("redirect:/access/roles");
        } catch (InvalidInputException | AccessDeniedException e) {
            return form(form, null, Refusal.of("role", e).shownOn(Refusal.fields("name", "description", "permissions")));
        }
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/roles/{name}/edit")
    ModelAndView editForm(@PathVariable String name) {
        AccessViews.RoleView role = custom(name);
        return form(RoleForm.of(role), role, Refusal.NONE);
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/roles/{name}")
    ModelAndView edit(@PathVariable String name, @ModelAttribute RoleForm form, Authentication caller, RedirectAttributes flash) {
        AccessViews.RoleView current = custom(name);
        try {
            roles.edit(name, check.valid(form.edit()), caller);
            flash.addFlashAttribute("notice", "Saved role " + name + ".");
            return new ModelAndView("redirect:/access/roles");
        } catch (InvalidInputException | AccessDeniedException e) {
            return form(new RoleForm(name, form.description(), form.ticked()), current,
                    Refusal.of("role", e).shownOn(Refusal.fields("description", "permissions")));
        }
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/roles/{name}/delete")
    ModelAndView confirmDelete(@PathVariable String name) {
        return confirm(custom(name), Refusal.NONE);
    }

    @Requires(value = Permission.ROLE_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/roles/{name}/delete")
    ModelAndView delete(@PathVariable String name, Authentication caller, RedirectAttributes flash) {
        AccessViews.RoleView role = custom(name);
        try {
            roles.delete(name, caller);
            flash.addFlashAttribute("notice", "Deleted role " + name + ".");
            return new ModelAndView("redirect:/access/roles");
        } catch (InvalidInputException | AccessDeniedException e) {
            return confirm(role, Refusal.of("delete", e).shownOn(Refusal.fields()));
        }
    }

    /** A custom role; a built-in one has no edit or delete page (the API would answer 409), so 404. */
    private AccessViews.RoleView custom(String name) {
        AccessViews.RoleView role = roles.get(name);
        if (role.builtIn()) {
            throw new NotFoundException("No custom role " + name);
        }
        return role;
    }

    private static ModelAndView form(RoleForm form, AccessViews.RoleView editing, Refusal refusal) {
        ModelAndView view = new ModelAndView("access/role-form");
        view.addObject("form", form);
        view.addObject("editing", editing);
        view.addObject("permissions", Arrays.stream(Permission.values()).map(Permission::key).toList());
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }

    private static ModelAndView confirm(AccessViews.RoleView role, Refusal refusal) {
        ModelAndView view = new ModelAndView("access/role-delete");
        view.addObject("role", role);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }
}
