package dev.wharf.switches;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageViews;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The switch pages: a host's switches, every host's switches in one table (Docker networks and HCN
 * networks side by side, with a Kind column), and one switch with what is plugged into it. Lists come
 * from the inventory; one switch is read from its engine, so its page is as fresh as the API's inspect.
 */
@Controller
class SwitchPagesController {

    private final VisibleHosts hosts;
    private final Inventory inventory;
    private final HostActions actions;
    private final SwitchRights rights;

    SwitchPagesController(VisibleHosts hosts, Inventory inventory, HostActions actions, SwitchRights rights) {
        this.hosts = hosts;
        this.inventory = inventory;
        this.actions = actions;
        this.rights = rights;
    }

    /** A switch with its host, as the fleet's table lists it. */
    record FleetRow(RegisteredHost host, SwitchSummary sw) {}

    @Requires(Permission.SWITCH_READ)
    @GetMapping("/hosts/{hostId}/switches")
    String list(@PathVariable UUID hostId, Authentication caller, Model model,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx,
            @RequestHeader(name = "HX-Target", required = false) String htmxTarget, HttpServletResponse response) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_READ);
        List<SwitchSummary> switches = List.of();
        if (rights.hasSwitches(host)) {
            try {
                switches = sorted(inventory.of(hostId, true).switches());
            } catch (EngineException.Unavailable e) {
                model.addAttribute("unavailable", e.getMessage());
            }
        }
        model.addAttribute("host", host);
        model.addAttribute("switches", switches);
        model.addAttribute("hasSwitches", rights.hasSwitches(host));
        model.addAttribute("allowed", rights.on(caller, host));
        model.addAttribute("removable", switches.stream().filter(s -> SwitchRights.removable(host, s)).map(SwitchSummary::id)
                .collect(Collectors.toSet()));
        // the same address answers the whole page, or the table alone when /live has a page fetch it again
        response.addHeader("Vary", "HX-Request, HX-Target");
        if (PageViews.isHtmx(htmx) && ("switches-" + hostId).equals(htmxTarget)) {
            return "switches/list :: listing";
        }
        return PageViews.page("switches/list", htmx);
    }

    /** @param host an id or name; @param kind docker or hcs; @param q a name containing it, or an id starting with it */
    @Requires(value = Permission.SWITCH_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/switches")
    String fleet(@RequestParam(required = false) String host, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String q, Authentication caller, Model model,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx) {
        List<RegisteredHost> readable = hosts.matching(caller, Permission.SWITCH_READ, null, null);
        var snapshots = inventory.all();
        List<FleetRow> rows = new ArrayList<>();
        Set<UUID> silent = new java.util.LinkedHashSet<>();
        for (RegisteredHost h : hosts.matching(caller, Permission.SWITCH_READ, host, null)) {
            if (kind != null && !kind.isBlank() && !h.kind().apiName().equals(kind)) {
                continue;
            }
            var snapshot = snapshots.get(h.id());
            if (snapshot == null) {
                silent.add(h.id());
                continue;
            }
            sorted(snapshot.switches()).stream().filter(s -> matches(s, q)).forEach(s -> rows.add(new FleetRow(h, s)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("hosts", readable);
        model.addAttribute("silent", readable.stream().filter(h -> silent.contains(h.id())).toList());
        model.addAttribute("filter", new Filter(host == null ? "" : host, kind == null ? "" : kind, q == null ? "" : q));
        model.addAttribute("kinds", List.of(HostKind.values()));
        return PageViews.page("switches/fleet", htmx);
    }

    record Filter(String host, String kind, String q) {
        public boolean any() {
            return !host.isBlank() || !kind.isBlank() || !q.isBlank();
        }
    }

    @Requires(Permission.SWITCH_READ)
    @GetMapping("/hosts/{hostId}/switches/{switchId}")
    String detail(@PathVariable UUID hostId, @PathVariable String switchId, Authentication caller, Model model,
            @RequestHeader(name = PageViews.HTMX_REQUEST, required = false) String htmx) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.SWITCH_READ);
        model.addAllAttributes(SwitchPagesController.detailModel(host, read(caller, host, switchId), rights.on(caller, host), inventory));
        return PageViews.page("switches/detail", htmx);
    }

    /** One switch from its engine; a 404 page when it is not there (any more). */
    SwitchSummary read(Authentication caller, RegisteredHost host, String switchId) {
        try {
            return actions.read(caller, host.id(), Permission.SWITCH_READ, engine -> engine.switches().inspect(switchId));
        } catch (EngineException.NotFound e) {
            throw new NotFoundException("No switch " + switchId + " on " + host.name());
        }
    }

    /** What the switch page and its attached part show: the switch, and the containers that could be plugged in. */
    static java.util.Map<String, Object> detailModel(RegisteredHost host, SwitchSummary sw, SwitchRights.Allowed allowed,
            Inventory inventory) {
        Set<String> attached = sw.attached().stream().map(SwitchSummary.Attachment::containerId).collect(Collectors.toSet());
        List<ContainerSummary> candidates = List.of();
        if (allowed.connect()) {
            Inventory.Snapshot snapshot = inventory.loaded(host.id());
            candidates = snapshot == null ? List.of() : snapshot.containers().stream()
                    .filter(c -> !attached.contains(c.id()))
                    .sorted(Comparator.comparing(c -> c.name() == null ? c.id() : c.name())).toList();
        }
        java.util.Map<String, Object> model = new java.util.HashMap<>();
        model.put("host", host);
        model.put("sw", sw);
        model.put("allowed", allowed);
        model.put("candidates", candidates);
        model.put("hcs", host.kind() == HostKind.HCS);
        model.put("removable", SwitchRights.removable(host, sw));
        return model;
    }

    private static List<SwitchSummary> sorted(List<SwitchSummary> switches) {
        return switches.stream().sorted(Comparator.comparing(s -> s.name() == null ? s.id() : s.name().toLowerCase(Locale.ROOT))).toList();
    }

    private static boolean matches(SwitchSummary s, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.strip().toLowerCase(Locale.ROOT);
        return (s.name() != null && s.name().toLowerCase(Locale.ROOT).contains(needle)) || s.id().toLowerCase(Locale.ROOT).startsWith(needle);
    }
}
