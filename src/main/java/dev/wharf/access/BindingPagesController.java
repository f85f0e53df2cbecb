package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import java.util.List;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /access/bindings}: who holds which role where, as the API lists it to the caller (every binding
 * with user.manage, those of the teams they manage otherwise), granting and taking away. The rules are
 * {@link BindingController}'s, called directly: a grant the caller may not make is refused with its reason.
 */
@Controller
class BindingPagesController {

    private final BindingController bindings;
    private final BindingStore stored;
    private final AccessPolicy access;
    private final AccessPages pages;
    private final BindingChoices choices;
    private final FormCheck check;

    BindingPagesController(BindingController bindings, BindingStore stored, AccessPolicy access, AccessPages pages,
            BindingChoices choices, FormCheck check) {
        this.bindings = bindings;
        this.stored = stored;
        this.access = access;
        this.pages = pages;
        this.choices = choices;
        this.check = check;
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/access/bindings")
    ModelAndView list(@RequestParam(defaultValue = "0") int page, Authentication caller) {
        return page(Math.max(page, 0), caller, BindingForm.empty(), Refusal.NONE);
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/access/bindings")
    ModelAndView grant(@ModelAttribute BindingForm form, Authentication caller, RedirectAttributes flash) {
        rightsOrRefuse(caller);
        try {
            AccessViews.BindingView made = bindings.create(check.valid(form.request()), caller).getBody();
            BindingChoices.BindingRow row = choices.rows(caller, List.of(made)).get(0);
            flash.addFlashAttribute("notice", "Granted " + made.role() + " to " + made.subject().type() + " " + row.subjectName()
                    + " on " + row.scopeLabel() + ".");
            return new ModelAndView("redirect:/access/bindings");
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(0, caller, form, form.shown(Refusal.of("grant", e)));
        }
    }

    /** @param from {@code team} when asked from the team's page, which is then where the caller goes back to */
    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/access/bindings/{bindingId}/delete")
    ModelAndView confirmDelete(@PathVariable UUID bindingId, @RequestParam(required = false) String from, Authentication caller) {
        return confirm(visible(bindingId, caller), from, caller, Refusal.NONE);
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/access/bindings/{bindingId}/delete")
    ModelAndView delete(@PathVariable UUID bindingId, @RequestParam(required = false) String from, Authentication caller,
            RedirectAttributes flash) {
        AccessViews.BindingView binding = visible(bindingId, caller);
        BindingChoices.BindingRow row = choices.rows(caller, List.of(binding)).get(0);
        try {
            bindings.delete(bindingId, caller);
            flash.addFlashAttribute("notice", "Took " + binding.role() + " on " + row.scopeLabel() + " from "
                    + binding.subject().type() + " " + row.subjectName() + ".");
            return new ModelAndView("redirect:" + backTo(binding, from));
        } catch (InvalidInputException | AccessDeniedException e) {
            return confirm(binding, from, caller, Refusal.of("delete", e).shownOn(Refusal.fields()));
        }
    }

    /** A caller who may see no binding at all hears the API's audited 403. */
    private AccessPages.Rights rightsOrRefuse(Authentication caller) {
        AccessPages.Rights rights = pages.of(caller);
        if (!rights.bindings()) {
            access.require(caller, Permission.USER_MANAGE, HostScope.none());
        }
        return rights;
    }

    /** A binding the caller may manage; any other is as absent as one that does not exist, as in the API. */
    private AccessViews.BindingView visible(UUID bindingId, Authentication caller) {
        AccessPages.Rights rights = rightsOrRefuse(caller);
        return stored.find(bindingId)
                .filter(b -> b.subject().type() == Binding.Subject.Type.USER ? rights.manageUsers() : rights.administers(b.subject().id()))
                .map(AccessViews.BindingView::of)
                .orElseThrow(() -> new NotFoundException("No binding " + bindingId));
    }

    private ModelAndView page(int page, Authentication caller, BindingForm form, Refusal refusal) {
        PageOf<AccessViews.BindingView> listed = bindings.list(null, null, page, UserPagesController.PAGE_SIZE, caller);
        AccessPages.Rights rights = pages.of(caller);
        ModelAndView view = new ModelAndView("access/bindings");
        view.addObject("bindings", listed);
        view.addObject("rows", choices.rows(caller, listed.items()));
        view.addObject("subjects", choices.subjects(caller, rights));
        view.addObject("roles", choices.grantableRoles(caller));
        view.addObject("hosts", choices.visibleHosts(caller));
        view.addObject("form", form);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }

    private ModelAndView confirm(AccessViews.BindingView binding, String from, Authentication caller, Refusal refusal) {
        ModelAndView view = new ModelAndView("access/binding-delete");
        view.addObject("row", choices.rows(caller, List.of(binding)).get(0));
        view.addObject("from", "team".equals(from) ? "team" : null);
        view.addObject("back", backTo(binding, from));
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }

    /** Only two places to go back to, neither taken from the request as such. */
    private static String backTo(AccessViews.BindingView binding, String from) {
        return "team".equals(from) && binding.subject().type().equals("team") ? "/access/teams/" + binding.subject().id() : "/access/bindings";
    }
}
