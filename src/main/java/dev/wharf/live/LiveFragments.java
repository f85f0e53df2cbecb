package dev.wharf.live;

import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostStatuses;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * What {@code /live} sends pages for an event: the page fragments it changed, rendered from the templates
 * the pages themselves use, each marked for an out-of-band swap by id. A page swaps in those it shows
 * and ignores the rest (see {@code frontend/src/live.js}). They are rendered from the inventory as it is
 * when the event is sent, so a page that applies events in order ends where the inventory is.
 *
 * <p>Rendered once per event and shared by every viewer who may see it, so nothing here depends on who
 * looks: where a page shows a viewer's own view of a host (the dashboard's card), the fragment only tells
 * the page to fetch it again.
 */
@Component
class LiveFragments {

    private final ITemplateEngine templates;
    private final Inventory inventory;
    private final HostStatuses statuses;
    private final HostCounts counts;
    /** Looked up when a row is rendered: the watchers publish through LiveEvents, which renders through here. */
    private final ObjectProvider<Watchers> watchers;
    private final HostScopes hosts;

    LiveFragments(ITemplateEngine templates, Inventory inventory, HostStatuses statuses, HostCounts counts,
            ObjectProvider<Watchers> watchers, HostScopes hosts) {
        this.templates = templates;
        this.inventory = inventory;
        this.statuses = statuses;
        this.counts = counts;
        this.watchers = watchers;
        this.hosts = hosts;
    }

    /**
     * Null when pages show nothing of this event. Each event carries only fragments of
     * its own kind (a container's row and the container count, an image count...), so the stream's
     * per-kind filter decides who sees which numbers; and, when lists of the latest events show it, its line.
     */
    String render(LiveEvent event) {
        String own = own(event);
        String line = event.listed() ? line(event) : "";
        return own == null && line.isEmpty() ? null : (own == null ? "" : own) + line;
    }

    private String own(LiveEvent event) {
        UUID hostId = event.hostId();
        switch (event.type()) {
            case "container":
                return container(hostId, event.resource().id(), "create".equals(event.action())) + count(hostId, "containers");
            case "host":
                return host(event);
            case "image":
                return count(hostId, "images") + sync(hostId, "images");
            case "pull":
                return pull(event);
            case "switch":
                return count(hostId, "switches") + sync(hostId, "switches");
            case "volume":
                return count(hostId, "volumes") + sync(hostId, "volumes");
            default:
                return null;
        }
    }

    /**
     * A host's status badge; and on the dashboard: a new host's card, a removed host's card gone, and after
     * an edit or new facts the card fetched again by each viewer.
     */
    private String host(LiveEvent event) {
        UUID hostId = event.hostId();
        Map<String, Object> model = new HashMap<>();
        model.put("hostId", hostId);
        model.put("hostName", event.resource() == null ? null : event.resource().name());
        switch (event.action()) {
            case "removed":
                return fragment("fragments/dashboard", "removed", model);
            case "registered":
                return status(hostId) + fragment("fragments/dashboard", "new-card", model);
            case "edited":
            case "facts":
                return status(hostId) + fragment("fragments/dashboard", "refresh", model);
            default:
                return status(hostId);
        }
    }

    private String status(UUID hostId) {
        return fragment("fragments/hosts", "status", Map.of("hostId", hostId, "status", statuses.of(hostId)));
    }

    private String line(LiveEvent event) {
        String hostName = hosts.name(event.hostId()).orElse(null);
        return fragment("fragments/dashboard", "event", Map.of("e", EventLine.of(event, hostName)));
    }

    /**
     * A container's row carries no viewer's rights (every viewer gets the same text): its actions cell is a
     * placeholder each page keeps its own cell in. {@code created} marks a row that is new to every page, so
     * a fleet page that does not show it can tell a new container from one on another of its pages.
     */
    private String container(UUID hostId, String containerId, boolean created) {
        Optional<ContainerSummary> now = inventory.peek(hostId).flatMap(host -> host.container(containerId));
        if (now.isEmpty()) {
            return fragment("fragments/containers", "gone", Map.of("hostId", hostId, "containerId", containerId));
        }
        return fragment("fragments/containers", "live", Map.of("hostId", hostId, "c", now.get(), "created", created,
                "hostName", watchers.getObject().hostName(hostId).orElse(hostId.toString())));
    }

    // --- images (issue #13): a pull's progress panel, and the images table each viewer fetches again ---

    /**
     * A pull's panel, by the operation's id, which the page that started the pull put in place; once the pull
     * is done, the host's images table is fetched again too, so the new image shows without a reload.
     */
    private String pull(LiveEvent event) {
        PullPanel panel = PullPanel.of(event);
        String html = fragment("fragments/images", "pull", Map.of("panel", panel));
        return "done".equals(panel.state()) ? html + sync(event.hostId(), "images") : html;
    }

    /** A host's images, switches or volumes table carries the viewer's own buttons: each page showing it fetches its own again. */
    private String sync(UUID hostId, String kind) {
        return fragment("fragments/hosts", "sync", Map.of("hostId", hostId, "kind", kind));
    }

    // --- end of images ---

    private String count(UUID hostId, String kind) {
        HostCounts.Counts now = counts.of(hostId);
        Map<String, Object> model = new HashMap<>();
        model.put("hostId", hostId);
        model.put("counts", now);
        return fragment("fragments/hosts", kind, model);
    }

    private String fragment(String template, String name, Map<String, Object> model) {
        Context context = new Context();
        context.setVariables(model);
        context.setVariable("live", true);
        return templates.process(template, Set.of(name), context);
    }
}
