package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.web.PageOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/containers}: every container of every host the caller may see, searched from the
 * inventory in memory (no engine is asked; see {@link ContainerSearch}). A host that is down still shows
 * its last-known containers, marked with the host's status. Without {@code sort} the order is the
 * inventory's: host by host, newest first within each.
 */
@RestController
@Validated
class FleetContainerController {

    private final ContainerSearch search;

    FleetContainerController(ContainerSearch search) {
        this.search = search;
    }

    /** A container with the host it runs on. */
    record FleetContainer(UUID hostId, String hostName, String hostStatus, String id, String name, String image, String state,
            String status, java.time.Instant createdAt, Map<String, String> labels, List<ContainerSummary.PortBinding> ports,
            List<String> networks, Map<String, String> extra) {
        static FleetContainer of(ContainerSearch.Found found) {
            ContainerSummary c = found.container();
            return new FleetContainer(found.host().id(), found.host().name(), found.hostStatus(), c.id(), c.name(), c.image(),
                    c.state().apiName(), c.status(), c.createdAt(), c.labels(), c.ports(), c.networks(), c.extra());
        }
    }

    /**
     * @param q matches a name or image containing it, or an id starting with it (ignoring case)
     * @param image an image reference; without a tag, any tag of that repository
     * @param label {@code key} (has the label) or {@code key=value}
     * @param sort {@code name}, {@code host}, {@code state}, {@code image} or {@code created}
     * @param dir {@code asc} (the default) or {@code desc}
     */
    @Requires(value = Permission.CONTAINER_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/api/v1/containers")
    PageOf<FleetContainer> search(@RequestParam(required = false) @Size(max = 256) String q,
            @RequestParam(required = false) String state, @RequestParam(required = false) String host,
            @RequestParam(required = false) String group, @RequestParam(required = false) @Size(max = 512) String image,
            @RequestParam(required = false) @Size(max = 512) String label,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
            Authentication caller) {
        var query = ContainerSearch.Query.of(q, state, host, group, image, label, sort, dir);
        PageOf<ContainerSearch.Found> found = search.search(caller, query, page, size).page();
        return new PageOf<>(found.items().stream().map(FleetContainer::of).toList(), found.page(), found.size(), found.total());
    }
}
