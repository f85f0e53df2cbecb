package dev.wharf.live;

import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostStatuses;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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

    LiveFragments(ITemplateEngine templates, Inventory inventory, HostStatuses statuses, HostCounts counts) {
        this.templates = templates;
        this.inventory = inventory;
        this.statuses = statuses;
        this.counts = counts;
    }

    /** Null when pages show nothing of this event (a pull's progress). */
    String render(LiveEvent event) {
        UUID hostId = event.hostId();
        switch (event.type()) {
            case "container":
                return container(hostId, event.resource().id()) + hostCounts(hostId);
            case "host":
                return fragment("fragments/hosts", "status", Map.of("hostId", hostId, "status", statuses.of(hostId)))
                        + hostCounts(hostId);
            case "image":
            case "switch":
            case "volume":
                return hostCounts(hostId);
            default:
                return null;
        }
    }

    private String container(UUID hostId, String containerId) {
        Optional<ContainerSummary> now = inventory.peek(hostId).flatMap(host -> host.container(containerId));
        if (now.isEmpty()) {
            return fragment("fragments/containers", "gone", Map.of("hostId", hostId, "containerId", containerId));
        }
        return fragment("fragments/containers", "live", Map.of("hostId", hostId, "c", now.get()));
    }

    private String hostCounts(UUID hostId) {
        HostCounts.Counts now = counts.of(hostId);
        return now == null ? "" : fragment("fragments/hosts", "counts", Map.of("hostId", hostId, "counts", now));
    }

    private String fragment(String template, String name, Map<String, Object> model) {
        Context context = new Context();
        context.setVariables(model);
        context.setVariable("live", true);
        return templates.process(template, Set.of(name), context);
    }
}
