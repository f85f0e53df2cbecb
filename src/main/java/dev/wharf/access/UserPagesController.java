package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
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
 * {@code /access/users}: the accounts, for holders of user.manage. Every change goes through
 * {@link UserController}'s handlers, so the page keeps the API's rules (no escalation, not oneself, the
 * last admin) and writes the same audit entries; a refusal is shown next to the form that failed.
 */
@Controller
class UserPagesController {

    static final int PAGE_SIZE = 100;

    /**
     * The create form; its password is never shown again. An automation account has none (it only holds
     * tokens), so an empty password field means "none" and the API says whether that is allowed.
     */
    record UserForm(String username, String displayName, String password, Boolean automation) {

        static UserForm empty() {
            return new UserForm("", "", "", Boolean.FALSE);
        }

        AccessRequests.CreateUser request() {
            return new AccessRequests.CreateUser(username, password == null || password.isEmpty() ? null : password,
                    displayName == null || displayName.isBlank() ? null : displayName, Boolean.TRUE.equals(automation) ? Boolean.TRUE : null);
        }

        UserForm withoutPassword() {
            return new UserForm(username, displayName, "", automation);
        }
    }

    /** @param mayChange whether the caller may turn this account on or off, or delete it */
    record UserRow(AccessViews.UserView user, boolean self, boolean mayChange) {}

    private final UserController users;
    private final FormCheck check;
    private final AccessPages pages;

    UserPagesController(UserController users, FormCheck check, AccessPages pages) {
        this.users = users;
        this.check = check;
        this.pages = pages;
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/users")
    ModelAndView list(@RequestParam(defaultValue = "0") int page, Authentication caller) {
        return page(Math.max(page, 0), caller, UserForm.empty(), Refusal.NONE);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/users")
    ModelAndView create(@ModelAttribute UserForm form, Authentication caller, RedirectAttributes flash) {
        try {
            AccessViews.UserView created = users.create(check.valid(form.request()), caller).getBody();
            flash.addFlashAttribute("notice", "Created user " + created.username() + ".");
            return new ModelAndView("redirect:/access/users");
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(0, caller, form.withoutPassword(),
                    Refusal.of("create", e).shownOn(Refusal.fields("username", "displayName", "password")));
        }
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/users/{userId}/enable")
    ModelAndView enable(@PathVariable UUID userId, @RequestParam(defaultValue = "0") int page, Authentication caller,
            RedirectAttributes flash) {
        return turn(userId, true, page, caller, flash);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/users/{userId}/disable")
    ModelAndView disable(@PathVariable UUID userId, @RequestParam(defaultValue = "0") int page, Authentication caller,
            RedirectAttributes flash) {
        return turn(userId, false, page, caller, flash);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/users/{userId}/delete")
    ModelAndView confirmDelete(@PathVariable UUID userId) {
        return confirm(users.get(userId), Refusal.NONE);
    }

    @Requires(value = Permission.USER_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/users/{userId}/delete")
    ModelAndView delete(@PathVariable UUID userId, Authentication caller, RedirectAttributes flash) {
        AccessViews.UserView user = users.get(userId);
        try {
            users.delete(userId, caller);
            flash.addFlashAttribute("notice", "Deleted user " + user.username() + ".");
            return new ModelAndView("redirect:/access/users");
        } catch (InvalidInputException | AccessDeniedException e) {
            return confirm(user, Refusal.of("delete", e).shownOn(Refusal.fields()));
        }
    }

    /** Back to the page the button was on, where a refusal shows next to the user's row. */
    private ModelAndView turn(UUID userId, boolean on, int page, Authentication caller, RedirectAttributes flash) {
        AccessViews.UserView user = users.get(userId);
        try {
            if (on) {
                users.enable(userId, caller);
            } else {
                users.disable(userId, caller);
            }
            flash.addFlashAttribute("notice", (on ? "Enabled" : "Disabled") + " user " + user.username() + ".");
            return new ModelAndView("redirect:/access/users" + (page > 0 ? "?page=" + page : ""));
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(Math.max(page, 0), caller, UserForm.empty(), Refusal.of("user:" + userId, e).shownOn(Refusal.fields()));
        }
    }

    private ModelAndView page(int page, Authentication caller, UserForm form, Refusal refusal) {
        PageOf<AccessViews.UserView> listed = users.list(page, PAGE_SIZE);
        UUID me = AccessPolicy.user(caller).map(SignedInUser::id).orElse(null);
        ModelAndView view = new ModelAndView("access/users");
        view.addObject("users", listed);
        view.addObject("rows", listed.items().stream().map(user -> new UserRow(user, user.id().equals(me),
                !user.id().equals(me) && pages.holdsAllOf(caller, user.id()))).toList());
        view.addObject("form", form);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }

    private static ModelAndView confirm(AccessViews.UserView user, Refusal refusal) {
        ModelAndView view = new ModelAndView("access/user-delete");
        view.addObject("user", user);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }
}
