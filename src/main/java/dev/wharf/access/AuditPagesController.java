package dev.wharf.access;

import dev.wharf.audit.AuditFilter;
import dev.wharf.audit.AuditReach;
import dev.wharf.audit.AuditSearch;
import dev.wharf.web.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The Audit page: the trail with the API's filters, paged, and its exports. The browser cannot call the API
 * (bearer tokens only), so the exports have routes of their own here, with the session and the same rules.
 */
@Controller
class AuditPagesController {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditVisibility visibility;
    private final AuditSearch search;
    private final AuditExports exports;
    private final HostDirectory hosts;
    private final AccessPolicy access;

    AuditPagesController(AuditVisibility visibility, AuditSearch search, AuditExports exports, HostDirectory hosts,
            AccessPolicy access) {
        this.visibility = visibility;
        this.search = search;
        this.exports = exports;
        this.hosts = hosts;
        this.access = access;
    }

    /** One row of the table; {@code hostName} is null for a host the caller may not see or that is gone. */
    record Row(AuditView entry, String time, String hostName) {}

    /** A host the filter offers. */
    record HostChoice(String id, String name) {}

    @Requires(value = Permission.AUDIT_READ, on = Requires.On.HANDLER)
    @GetMapping("/audit")
    String list(AuditParameters parameters, Authentication caller, Model model, HttpServletResponse response) {
        AuditReach reach = visibility.require(caller);
        model.addAttribute("filters", parameters);
        model.addAttribute("hostChoices", hostChoices(reach, parameters));
        AuditFilter filter;
        int page;
        int size;
        try {
            filter = parameters.filter();
            page = parameters.pageNumber();
            size = parameters.pageSize();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "audit/list";
        }
        AuditSearch.Page found = search.page(filter, reach, page, size);
        Map<UUID, String> names = namesShown(caller, reach);
        model.addAttribute("rows", found.items().stream().map(AuditView::of)
                .map(view -> new Row(view, TIME.format(view.at()) + " UTC", view.hostId() == null ? null : names.get(view.hostId())))
                .toList());
        model.addAttribute("total", found.total());
        model.addAttribute("firstShown", found.items().isEmpty() ? 0 : (long) page * size + 1);
        model.addAttribute("lastShown", (long) page * size + found.items().size());
        links(model, parameters, page, size, found.total());
        return "audit/list";
    }

    /** Newer and older pages and the exports, each with the same filters (and the size, if one was asked for). */
    private static void links(Model model, AuditParameters parameters, int page, int size, long total) {
        Map<String, String> keepSize = parameters.size() == null || parameters.size().isBlank() ? Map.of() : Map.of("size", Integer.toString(size));
        model.addAttribute("previous", page == 0 ? null : parameters.link("/audit", with(keepSize, "page", page - 1)));
        model.addAttribute("next", (long) (page + 1) * size >= total ? null : parameters.link("/audit", with(keepSize, "page", page + 1)));
        model.addAttribute("exportCsv", parameters.link("/audit/export.csv", Map.of()));
        model.addAttribute("exportJson", parameters.link("/audit/export.json", Map.of()));
    }

    @Requires(value = Permission.AUDIT_READ, on = Requires.On.HANDLER)
    @GetMapping("/audit/export.csv")
    void exportCsv(AuditParameters parameters, Authentication caller, HttpServletResponse response) throws IOException {
        export(AuditExports.Format.CSV, parameters, caller, response);
    }

    @Requires(value = Permission.AUDIT_READ, on = Requires.On.HANDLER)
    @GetMapping("/audit/export.json")
    void exportJson(AuditParameters parameters, Authentication caller, HttpServletResponse response) throws IOException {
        export(AuditExports.Format.JSON, parameters, caller, response);
    }

    /** A bad filter is the plain 400 error page here: the export links come from a page that showed the filter works. */
    private void export(AuditExports.Format format, AuditParameters parameters, Authentication caller, HttpServletResponse response)
            throws IOException {
        AuditFilter filter;
        try {
            filter = parameters.filter();
        } catch (InvalidInputException e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        exports.write(format, filter, visibility.require(caller), response);
    }

    /** Names for the hosts the caller may see or whose entries they may read; others show by id. */
    private Map<UUID, String> namesShown(Authentication caller, AuditReach reach) {
        return hosts.all().stream()
                .filter(host -> reach.covers(host.id()) || access.may(caller, Permission.HOST_READ, host.scope()))
                .collect(Collectors.toMap(HostDirectory.HostRef::id, HostDirectory.HostRef::name, (a, b) -> a));
    }

    /** The hosts whose entries the caller reads, and the one the filter names if it is none of them. */
    private List<HostChoice> hostChoices(AuditReach reach, AuditParameters parameters) {
        List<HostChoice> choices = new ArrayList<>(hosts.all().stream().filter(host -> reach.covers(host.id()))
                .sorted(Comparator.comparing(HostDirectory.HostRef::name))
                .map(host -> new HostChoice(host.id().toString(), host.name())).toList());
        String wanted = parameters.host() == null ? "" : parameters.host().strip();
        if (!wanted.isEmpty() && choices.stream().noneMatch(choice -> choice.id().equalsIgnoreCase(wanted))) {
            choices.add(new HostChoice(wanted, wanted));
        }
        return choices;
    }

    private static Map<String, String> with(Map<String, String> base, String name, int value) {
        Map<String, String> more = new LinkedHashMap<>(base);
        more.put(name, Integer.toString(value));
        return more;
    }
}
