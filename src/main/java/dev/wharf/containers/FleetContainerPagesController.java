package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
import dev.wharf.web.Paging;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /containers}: one table of every container the viewer may see, on every host, searched, filtered,
 * sorted and paged on the server ({@link ContainerSearch}, as the API), so it stays fast at thousands of
 * rows. The filter form works as a plain GET; with htmx it replaces only the results region
 * ({@code #fleet-results}) as the viewer types, and pushes the address, so a reload or a shared link
 * shows the same view. Rows follow their containers over {@code /live}.
 */
@Controller
class FleetContainerPagesController {

    static final String RESULTS = "fleet-results";
    static final int PAGE_SIZE = 50;

    private final ContainerSearch search;
    private final VisibleHosts hosts;
    private final Inventory inventory;
    private final ContainerRights rights;

    FleetContainerPagesController(ContainerSearch search, VisibleHosts hosts, Inventory inventory, ContainerRights rights) {
        this.search = search;
        this.hosts = hosts;
        this.inventory = inventory;
        this.rights = rights;
    }

    /** One row: the container, its host, and what this viewer may do to it. */
    record Row(RegisteredHost host, String hostStatus, ContainerSummary container, ContainerRights.Allowed allowed) {}

    @Requires(value = Permission.CONTAINER_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/containers")
    String fleet(FleetFilters filters, @RequestParam(defaultValue = "0") int page,
            @RequestHeader(name = "HX-Target", required = false) String htmxTarget,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Authentication caller, HttpServletRequest request, HttpServletResponse response, Model model) {
        // the same address answers a whole page or the results region: caches must keep them apart
        response.addHeader("Vary", "HX-Request, HX-Target");
        boolean resultsOnly = RESULTS.equals(htmxTarget) && historyRestore == null;
        List<RegisteredHost> readable = hosts.matching(caller, Permission.CONTAINER_READ, null, null);
        model.addAttribute("filters", filters);
        model.addAttribute("states", Arrays.stream(ContainerState.values()).map(ContainerState::apiName).toList());
        model.addAttribute("hosts", readable);
        model.addAttribute("groups", readable.stream().map(RegisteredHost::group).filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        model.addAttribute("images", imagesIn(readable));
        Map<UUID, ContainerRights.Allowed> allowed = new HashMap<>();
        readable.forEach(host -> allowed.put(host.id(), rights.on(caller, host)));
        model.addAttribute("createOn", readable.stream().filter(host -> allowed.get(host.id()).create()).toList());
        // a viewer who may act nowhere gets no Actions column at all, rather than an empty one
        model.addAttribute("actionsAnywhere", allowed.values().stream().anyMatch(ContainerRights.Allowed::any));
        model.addAttribute("back", Back.here(request));
        try {
            ContainerSearch.Result result = search.search(caller, filters.query(), Math.max(page, 0), PAGE_SIZE);
            List<Row> rows = result.page().items().stream().map(found -> new Row(found.host(), found.hostStatus(),
                    found.container(), allowed.computeIfAbsent(found.host().id(), id -> rights.on(caller, found.host())))).toList();
            model.addAttribute("rows", rows);
            model.addAttribute("downHosts", rows.stream().filter(row -> "down".equals(row.hostStatus()))
                    .map(row -> row.host().name()).distinct().sorted().toList());
            model.addAttribute("paging", Paging.of(result.page()));
            model.addAttribute("neverListed", result.neverListed());
            // a view narrowed to some hosts hears only of their new containers
            model.addAttribute("liveHosts", filters.host() == null && filters.group() == null ? null
                    : String.join(" ", result.searched().stream().map(host -> host.id().toString()).toList()));
            model.addAttribute("errors", Map.of());
        } catch (InvalidInputException refused) {
            model.addAttribute("rows", List.of());
            model.addAttribute("downHosts", List.of());
            model.addAttribute("paging", Paging.of(new PageOf<>(List.of(), 0, PAGE_SIZE, 0)));
            model.addAttribute("neverListed", List.of());
            model.addAttribute("errors", Map.of(refused.field(), refused.reason()));
            if (!resultsOnly) {
                response.setStatus(HttpStatus.BAD_REQUEST.value()); // htmx swaps only a 2xx; its region says why
            }
        }
        model.addAttribute("resultsOnly", resultsOnly);
        return resultsOnly ? "containers/fleet :: results" : "containers/fleet";
    }

    /** What the image filter suggests: every image a readable host's containers run, once each. */
    private List<String> imagesIn(List<RegisteredHost> readable) {
        Map<UUID, Inventory.Snapshot> snapshots = inventory.all();
        TreeSet<String> images = new TreeSet<>();
        for (RegisteredHost host : readable) {
            Inventory.Snapshot snapshot = snapshots.get(host.id());
            if (snapshot != null) {
                snapshot.containers().stream().map(ContainerSummary::image).filter(Objects::nonNull).forEach(images::add);
            }
        }
        return images.stream().limit(500).toList();
    }
}
