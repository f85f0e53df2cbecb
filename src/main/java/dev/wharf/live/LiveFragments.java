package dev.wharf.live;

import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostStatuses;
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
 */
@Component
class LiveFragments {

    private final ITemplateEngine templates;
    private final Inventory inventory;
    private final HostStatuses statuses;
    private final HostCounts counts;
    /** Looked up when a row is rendered: the watchers publish through LiveEvents, which renders through here. */
    private final ObjectProvider<Watchers> watchers;

    LiveFragments(ITemplateEngine templates, Inventory inventory, HostStatuses statuses, HostCounts counts,
            ObjectProvider<Watchers> watchers) {
        this.templates = templates;
        this.inventory = inventory;
        this.statuses = statuses;
        this.counts = counts;
        this.watchers = watchers;
    }

    /**
     * Null when pages show nothing of this event (a pull's progress). Each event carries only fragments of
     * its own kind (a container's row and the container count, an image count...), so the stream's
     * per-kind filter decides who sees which numbers.
     */
    String render(LiveEvent event) {
        UUID hostId = event.hostId();
        switch (event.type()) {
            case "container":
                return container(hostId, event.resource().id(), "create".equals(event.action())) + count(hostId, "containers");
            case "host":
                return fragment("fragments/hosts", "status", Map.of("hostId", hostId, "status", statuses.of(hostId)));
            case "image":
                return count(hostId, "images");
            case "switch":
                return count(hostId, "switches");
            case "volume":
                return count(hostId, "volumes");
            default:
                return null;
        }
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

    private String count(UUID hostId, String kind) {
        HostCounts.Counts now = counts.of(hostId);
        Map<String, Object> model = new java.util.HashMap<>();
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
