package dev.wharf.access;

import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
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
 * {@code /access/teams/{teamId}}: one team's members, team admins and bindings, for holders of
 * team.manage and the team's own admins. A team the caller may not manage is 404, as in the API; a caller
 * who manages no team at all is refused (403) first. Changes go through {@link TeamController} and
 * {@link BindingController}, so the API's rules and audit entries apply unchanged.
 */
@Controller
class TeamPageController {

    private final TeamController teams;
    private final BindingController bindings;
    private final AccessPolicy access;
    private final AccessPages pages;
    private final BindingChoices choices;
    private final FormCheck check;

    TeamPageController(TeamController teams, BindingController bindings, AccessPolicy access, AccessPages pages,
            BindingChoices choices, FormCheck check) {
        this.teams = teams;
        this.bindings = bindings;
        this.access = access;
        this.pages = pages;
        this.choices = choices;
        this.check = check;
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/access/teams/{teamId}")
    ModelAndView team(@PathVariable UUID teamId, Authentication caller) {
        return page(teamId, caller, "", BindingForm.empty(), Refusal.NONE);
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/access/teams/{teamId}/members")
    ModelAndView addMember(@PathVariable UUID teamId, @RequestParam(defaultValue = "") String username, Authentication caller,
            RedirectAttributes flash) {
        AccessPages.Rights rights = rightsOrRefuse(caller);
        try {
            AccessRequests.AddMember request = check.valid(new AccessRequests.AddMember(null, username.strip(), false));
            if (rights.administers(teamId)) {
                // the API would also take a blank name or a member again (quietly unmaking a team admin): the page only adds
                if (request.username().isEmpty()) {
                    throw new InvalidInputException("username", "enter the username of the member to add");
                }
                if (teams.get(teamId, caller).members().stream().anyMatch(member -> member.username().equals(request.username()))) {
                    throw new ConflictException("username", request.username() + " is a member already");
                }
            }
            teams.addMember(teamId, request, caller);
            flash.addFlashAttribute("notice", "Added " + request.username() + " to the team.");
            return back(teamId);
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(teamId, caller, username, BindingForm.empty(),
                    Refusal.of("member", e).shownOn(Refusal.fields("username"), "userId", "username"));
        }
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/access/teams/{teamId}/members/{userId}/remove")
    ModelAndView removeMember(@PathVariable UUID teamId, @PathVariable UUID userId, Authentication caller, RedirectAttributes flash) {
        AccessPages.Rights rights = rightsOrRefuse(caller);
        String name = !rights.administers(teamId) ? userId.toString() : teams.get(teamId, caller).members().stream()
                .filter(member -> member.userId().equals(userId)).map(AccessViews.MemberView::username).findFirst()
                .orElse(userId.toString());
        try {
            teams.removeMember(teamId, userId, caller);
            flash.addFlashAttribute("notice", "Removed " + name + " from the team.");
            return back(teamId);
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(teamId, caller, "", BindingForm.empty(), Refusal.of("member:" + userId, e).shownOn(Refusal.fields()));
        }
    }

    /** Making or unmaking a team admin is for holders of team.manage only, as in the API. */
    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/teams/{teamId}/members/{userId}/admin")
    ModelAndView teamAdmin(@PathVariable UUID teamId, @PathVariable UUID userId, @RequestParam boolean admin, Authentication caller,
            RedirectAttributes flash) {
        AccessViews.MemberView member = teams.get(teamId, caller).members().stream().filter(m -> m.userId().equals(userId))
                .findFirst().orElseThrow(() -> new NotFoundException("No member " + userId));
        try {
            teams.addMember(teamId, new AccessRequests.AddMember(userId, null, admin), caller);
            flash.addFlashAttribute("notice", member.username() + (admin ? " is now a team admin." : " is no longer a team admin."));
            return back(teamId);
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(teamId, caller, "", BindingForm.empty(), Refusal.of("member:" + userId, e).shownOn(Refusal.fields()));
        }
    }

    /** Grants the team a role; whoever grants must hold it there, as the API requires. */
    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @PostMapping("/access/teams/{teamId}/bindings")
    ModelAndView grant(@PathVariable UUID teamId, @ModelAttribute BindingForm form, Authentication caller, RedirectAttributes flash) {
        rightsOrRefuse(caller);
        AccessViews.TeamView team = teams.get(teamId, caller); // 404 for a team the caller may not manage
        try {
            AccessViews.BindingView made = bindings.create(
                    check.valid(form.request(new AccessRequests.SubjectRef("team", teamId))), caller).getBody();
            flash.addFlashAttribute("notice", "Granted " + made.role() + " to team " + team.name() + ".");
            return back(teamId);
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(teamId, caller, "", form, form.shown(Refusal.of("grant", e)));
        }
    }

    /** A caller who manages no team hears 403, audited, as from the API's team list. */
    private AccessPages.Rights rightsOrRefuse(Authentication caller) {
        AccessPages.Rights rights = pages.of(caller);
        if (!rights.teams()) {
            access.require(caller, Permission.TEAM_MANAGE, HostScope.none());
        }
        return rights;
    }

    private ModelAndView page(UUID teamId, Authentication caller, String username, BindingForm form, Refusal refusal) {
        AccessPages.Rights rights = rightsOrRefuse(caller);
        AccessViews.TeamView team = teams.get(teamId, caller);
        ModelAndView view = new ModelAndView("access/team");
        view.addObject("team", team);
        view.addObject("rights", rights);
        view.addObject("bindings", choices.rows(caller, bindings.list("team", teamId, 0, 1000, caller).items()));
        view.addObject("roles", choices.grantableRoles(caller));
        view.addObject("hosts", choices.visibleHosts(caller));
        view.addObject("username", username);
        view.addObject("form", form);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }

    private static ModelAndView back(UUID teamId) {
        return new ModelAndView("redirect:/access/teams/" + teamId);
    }
}
