package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The fleet's containers as one caller may see them, searched, sorted and paged in memory from the
 * inventory (no engine is asked): {@code GET /api/v1/containers} and the {@code /containers} page both
 * read through here, so they always agree. A host that is down still shows its last-known containers.
 */
@Component
class ContainerSearch {

    private final VisibleHosts hosts;
    private final HostStatuses statuses;
    private final Inventory inventory;

    ContainerSearch(VisibleHosts hosts, HostStatuses statuses, Inventory inventory) {
        this.hosts = hosts;
        this.statuses = statuses;
        this.inventory = inventory;
    }

    /**
     * What to look for; blank means "any". {@code sort} null keeps the inventory's order: host by host,
     * newest first within each.
     *
     * @param q a name or image containing it, or an id starting with it (ignoring case)
     * @param host a host's id or name
     * @param image an image reference, or a repository without tag that matches every tag of it
     * @param label {@code key} (has the label) or {@code key=value}
     */
    record Query(String q, String state, String host, String group, String image, String label, Sort sort, boolean descending) {

        static Query of(String q, String state, String host, String group, String image, String label, String sort, String dir) {
            return new Query(q, state, host, group, image, label, Sort.parse(sort), descending(dir));
        }

        private static boolean descending(String dir) {
            if (dir == null || dir.isBlank() || dir.equals("asc")) {
                return false;
            }
            if (dir.equals("desc")) {
                return true;
            }
            throw new InvalidInputException("dir", "must be asc or desc");
        }
    }

    /** The columns a list can be sorted by; ties go by name, then host, then id, so paging is stable. */
    enum Sort {
        NAME(found -> lower(found.container().name())),
        HOST(found -> lower(found.host().name())),
        STATE(found -> found.container().state().apiName()),
        IMAGE(found -> lower(found.container().image())),
        CREATED(found -> found.container().createdAt());

        private final Function<Found, Comparable<?>> key;

        Sort(Function<Found, Comparable<?>> key) {
            this.key = key;
        }

        String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Sort parse(String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            for (Sort sort : values()) {
                if (sort.apiName().equals(value)) {
                    return sort;
                }
            }
            throw new InvalidInputException("sort", "must be one of " + Arrays.stream(values()).map(Sort::apiName).toList());
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        Comparator<Found> order(boolean descending) {
            Comparator<Comparable> direction = descending ? Comparator.reverseOrder() : Comparator.naturalOrder();
            // a missing value (an HCS system's image or creation time) sorts last either way
            Comparator<Found> primary = Comparator.comparing(found -> (Comparable) key.apply(found), Comparator.nullsLast(direction));
            return primary.thenComparing(TIE_BREAK);
        }
    }

    private static final Comparator<Found> TIE_BREAK = Comparator
            .comparing((Found found) -> lower(found.container().name()), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(found -> lower(found.host().name()))
            .thenComparing(found -> found.container().id());

    /** A container with the host it runs on and that host's status ({@code up}, {@code down}, {@code unknown}). */
    record Found(RegisteredHost host, String hostStatus, ContainerSummary container) {}

    /**
     * One page of what matched, and the hosts it covered: those the caller may read containers on, and of
     * them those that have never answered (nothing is known of their containers).
     */
    record Result(PageOf<Found> page, List<RegisteredHost> searched, List<RegisteredHost> neverListed) {}

    Result search(Authentication caller, Query query, int page, int size) {
        ContainerState wanted = state(query.state());
        Map<java.util.UUID, Inventory.Snapshot> snapshots = inventory.all();
        List<RegisteredHost> searched = hosts.matching(caller, Permission.CONTAINER_READ, query.host(), query.group());
        List<RegisteredHost> neverListed = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        for (RegisteredHost host : searched) {
            Inventory.Snapshot snapshot = snapshots.get(host.id());
            if (snapshot == null) {
                neverListed.add(host);
                continue;
            }
            String hostStatus = statuses.of(host.id()).state();
            for (ContainerSummary c : snapshot.containers()) {
                if ((wanted == null || c.state() == wanted) && matches(c, query.q()) && hasImage(c, query.image())
                        && hasLabel(c, query.label())) {
                    found.add(new Found(host, hostStatus, c));
                }
            }
        }
        if (query.sort() != null) {
            found.sort(query.sort().order(query.descending()));
        }
        return new Result(PageOf.slice(found, page, size), searched, neverListed);
    }

    static boolean matches(ContainerSummary c, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.strip().toLowerCase(Locale.ROOT);
        return contains(c.name(), needle) || contains(c.image(), needle) || c.id().toLowerCase(Locale.ROOT).startsWith(needle);
    }

    static boolean hasLabel(ContainerSummary c, String label) {
        if (label == null || label.isBlank()) {
            return true;
        }
        int eq = label.indexOf('=');
        return eq < 0 ? c.labels().containsKey(label) : label.substring(eq + 1).equals(c.labels().get(label.substring(0, eq)));
    }

    /**
     * {@code busybox:1} matches exactly that image; {@code busybox} (no tag or digest) matches it with any
     * tag, as {@code docker ps --filter ancestor=} would by name. Case is ignored, as engines store names
     * in lower case.
     */
    static boolean hasImage(ContainerSummary c, String image) {
        if (image == null || image.isBlank()) {
            return true;
        }
        if (c.image() == null) {
            return false;
        }
        String wanted = image.strip().toLowerCase(Locale.ROOT);
        String actual = c.image().toLowerCase(Locale.ROOT);
        return actual.equals(wanted) || (repository(wanted).equals(wanted) && repository(actual).equals(wanted));
    }

    /** {@code registry:5000/app:1} -> {@code registry:5000/app}; a digest goes too. */
    private static String repository(String reference) {
        int at = reference.indexOf('@');
        String named = at < 0 ? reference : reference.substring(0, at);
        int colon = named.lastIndexOf(':');
        return colon > named.lastIndexOf('/') ? named.substring(0, colon) : named;
    }

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    static ContainerState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        ContainerState parsed = ContainerState.parse(state);
        if (!parsed.apiName().equals(state.strip().toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException("state", "must be one of " + Arrays.stream(ContainerState.values())
                    .map(ContainerState::apiName).toList());
        }
        return parsed;
    }
}
