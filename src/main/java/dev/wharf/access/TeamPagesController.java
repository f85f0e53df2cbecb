package dev.wharf.access;

import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
import java.util.UUID;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /access/teams}: the teams the caller may manage (every team with team.manage, a team admin's own
 * otherwise; 403 for anyone else, as the API answers), and making and deleting teams (team.manage). One
 * team's page is {@link TeamPageController}'s.
 */
@Controller
class TeamPagesController {

    private final TeamController teams;
    private final FormCheck check;
    private final AccessPages pages;

    TeamPagesController(TeamController teams, FormCheck check, AccessPages pages) {
        this.teams = teams;
        this.check = check;
        this.pages = pages;
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.HANDLER)
    @GetMapping("/access/teams")
    ModelAndView list(@RequestParam(defaultValue = "0") int page, Authentication caller) {
        return page(Math.max(page, 0), caller, "", Refusal.NONE);
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/teams")
    ModelAndView create(@RequestParam(defaultValue = "") String name, Authentication caller, RedirectAttributes flash) {
        try {
            AccessViews.TeamView team = teams.create(check.valid(new AccessRequests.CreateTeam(name)), caller).getBody();
            flash.addFlashAttribute("notice", "Created team " + team.name() + ".");
            return new ModelAndView("redirect:/access/teams/" + team.id());
        } catch (InvalidInputException | AccessDeniedException e) {
            return page(0, caller, name, Refusal.of("create", e).shownOn(Refusal.fields("name")));
        }
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.GLOBAL)
    @GetMapping("/access/teams/{teamId}/delete")
    ModelAndView confirmDelete(@PathVariable UUID teamId, Authentication caller) {
        return confirm(teams.get(teamId, caller), Refusal.NONE);
    }

    @Requires(value = Permission.TEAM_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/access/teams/{teamId}/delete")
    ModelAndView delete(@PathVariable UUID teamId, Authentication caller, RedirectAttributes flash) {
        AccessViews.TeamView team = teams.get(teamId, caller);
        try {
            teams.delete(teamId, caller);
            flash.addFlashAttribute("notice", "Deleted team " + team.name() + ".");
            return new ModelAndView("redirect:/access/teams");
        } catch (InvalidInputException | AccessDeniedException e) {
            return confirm(team, Refusal.of("delete", e).shownOn(Refusal.fields()));
        }
    }

    /** The API's list decides who may see it: a caller who manages no team gets its audited 403. */
    private ModelAndView page(int page, Authentication caller, String name, Refusal refusal) {
        PageOf<AccessViews.TeamView> listed = teams.list(page, UserPagesController.PAGE_SIZE, caller);
        ModelAndView view = new ModelAndView("access/teams");
        view.addObject("teams", listed);
        view.addObject("rights", pages.of(caller));
        view.addObject("name", name);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }

    private static ModelAndView confirm(AccessViews.TeamView team, Refusal refusal) {
        ModelAndView view = new ModelAndView("access/team-delete");
        view.addObject("team", team);
        view.addObject("refusal", refusal);
        view.setStatus(refusal.status());
        return view;
    }
}
