package dev.wharf.images;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ImageSummary;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.PageOf;
import dev.wharf.web.Paging;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /images}: one table of the images on every host the viewer may read, filtered by host and by a
 * search on tags and ids (as {@code GET /api/v1/images}), paged on the server, from the inventory. The
 * filter form works as a plain GET; with htmx it replaces only the results region as the viewer types and
 * pushes the address, so a reload or a shared link shows the same view.
 */
@Controller
class FleetImagePagesController {

    static final String RESULTS = "images-results";
    static final int PAGE_SIZE = 50;
    private static final int LONGEST = 256;

    private final VisibleHosts hosts;
    private final Inventory inventory;
    private final ImageRights rights;

    FleetImagePagesController(VisibleHosts hosts, Inventory inventory, ImageRights rights) {
        this.hosts = hosts;
        this.inventory = inventory;
        this.rights = rights;
    }

    /** One row: the image with its containers, its host, and what this viewer may do there. */
    record Row(RegisteredHost host, ImageRow image, ImageRights.Allowed allowed) {}

    /** The view as its address holds it ({@code /images?q=&host=&page=}). What the template calls is public. */
    record Filters(String q, String host) {

        Filters {
            q = q == null || q.isBlank() ? null : q.strip();
            host = host == null || host.isBlank() ? null : host;
        }

        public boolean filtered() {
            return q != null || host != null;
        }

        public String page(int page) {
            StringJoiner query = new StringJoiner("&", "/images?", "").setEmptyValue("/images");
            if (q != null) {
                query.add("q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
            }
            if (host != null) {
                query.add("host=" + URLEncoder.encode(host, StandardCharsets.UTF_8));
            }
            if (page > 0) {
                query.add("page=" + page);
            }
            return query.toString();
        }
    }

    @Requires(value = Permission.IMAGE_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/images")
    String fleet(@RequestParam(required = false) String q, @RequestParam(required = false) String host,
            @RequestParam(defaultValue = "0") int page, @RequestHeader(name = "HX-Target", required = false) String htmxTarget,
            @RequestHeader(name = "HX-History-Restore-Request", required = false) String historyRestore,
            Authentication caller, HttpServletResponse response, Model model) {
        response.addHeader("Vary", "HX-Request, HX-Target");
        boolean resultsOnly = RESULTS.equals(htmxTarget) && historyRestore == null;
        // an overlong search is cut, not refused: it could match nothing anyway
        Filters filters = new Filters(q != null && q.length() > LONGEST ? q.substring(0, LONGEST) : q, host);
        List<RegisteredHost> readable = hosts.matching(caller, Permission.IMAGE_READ, null, null);
        var snapshots = inventory.all();
        List<Row> found = new ArrayList<>();
        List<RegisteredHost> notListed = new ArrayList<>();
        for (RegisteredHost visible : hosts.matching(caller, Permission.IMAGE_READ, filters.host(), null)) {
            Inventory.Snapshot snapshot = snapshots.get(visible.id());
            if (snapshot == null) {
                notListed.add(visible);
                continue;
            }
            ImageRights.Allowed allowed = rights.on(caller, visible);
            // "used by" is worked out only for the images the search keeps
            List<ImageSummary> matching = snapshot.images().stream().filter(image -> FleetImageController.matches(image, filters.q()))
                    .toList();
            ImageRow.of(matching, snapshot.containers()).forEach(row -> found.add(new Row(visible, row, allowed)));
        }
        found.sort(Comparator.comparing((Row row) -> row.host().name()).thenComparing(row -> !row.image().tagged())
                .thenComparing(row -> row.image().name()));
        PageOf<Row> shown = PageOf.slice(found, Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("filters", filters);
        model.addAttribute("hosts", readable);
        model.addAttribute("rows", shown.items());
        model.addAttribute("paging", Paging.of(shown));
        model.addAttribute("notListed", notListed);
        return resultsOnly ? "images/fleet :: results" : "images/fleet";
    }
}
