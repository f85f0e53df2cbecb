package dev.wharf.dashboard;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.EventLine;
import dev.wharf.live.LiveEvents;
import dev.wharf.web.PageViews;
import dev.wharf.web.SignedIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * {@code /}: the dashboard, and {@code /hosts/{hostId}/card}, one host's card as the viewer sees it, which the
 * page fetches again when the live stream says the host changed (a live fragment is the same for every
 * viewer; the card is not).
 */
@Controller
class DashboardController {

    /** How many of the latest events the dashboard lists (the live stream keeps it at that). */
    static final int LATEST_EVENTS = 20;

    private final VisibleHosts hosts;
    private final HostCards cards;
    private final LiveEvents events;
    private final AccessPolicy access;

    DashboardController(VisibleHosts hosts, HostCards cards, LiveEvents events, AccessPolicy access) {
        this.hosts = hosts;
        this.cards = cards;
        this.events = events;
        this.access = access;
    }

    @SignedIn("the dashboard shows only the hosts, counts and events the caller may see")
    @GetMapping("/")
    String dashboard(Authentication caller, Model model, @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx) {
        List<RegisteredHost> visible = hosts.all(caller);
        List<HostCards.Card> shown = cards.of(caller, visible);
        Map<UUID, String> names = visible.stream().collect(Collectors.toMap(RegisteredHost::id, RegisteredHost::name));
        model.addAttribute("cards", shown);
        model.addAttribute("totals", HostCards.Totals.of(shown));
        model.addAttribute("events", events.latest(caller, LATEST_EVENTS).stream()
                .map(event -> EventLine.of(event, names.get(event.hostId()))).toList());
        model.addAttribute("latestEvents", LATEST_EVENTS);
        model.addAttribute("canRegister", access.may(caller, Permission.HOST_MANAGE, HostScope.none()));
        return PageViews.page("dashboard/home", htmx);
    }

    /** The card alone, for htmx; a browser that asks for it by address gets the dashboard it belongs to. */
    @Requires(Permission.HOST_READ)
    @GetMapping("/hosts/{hostId}/card")
    String card(@PathVariable UUID hostId, Authentication caller, Model model,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.HOST_READ);
        if (!PageViews.isHtmx(htmx)) {
            return "redirect:/";
        }
        model.addAttribute("card", cards.of(caller, host));
        return "fragments/dashboard :: card";
    }
}
