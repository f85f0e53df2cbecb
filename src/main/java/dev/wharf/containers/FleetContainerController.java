package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/containers}: every container of every host the caller may see, searched from the
 * inventory in memory (no engine is asked). A host that is down still shows its last-known containers,
 * marked with the host's status.
 */
@RestController
@Validated
class FleetContainerController {

    private final VisibleHosts hosts;
    private final HostStatuses statuses;
    private final Inventory inventory;

    FleetContainerController(VisibleHosts hosts, HostStatuses statuses, Inventory inventory) {
        this.hosts = hosts;
        this.statuses = statuses;
        this.inventory = inventory;
    }

    /** A container with the host it runs on. */
    record FleetContainer(UUID hostId, String hostName, String hostStatus, String id, String name, String image, String state,
            String status, java.time.Instant createdAt, Map<String, String> labels, List<ContainerSummary.PortBinding> ports,
            List<String> networks, Map<String, String> extra) {
        static FleetContainer of(RegisteredHost host, String hostStatus, ContainerSummary c) {
            return new FleetContainer(host.id(), host.name(), hostStatus, c.id(), c.name(), c.image(), c.state().apiName(),
                    c.status(), c.createdAt(), c.labels(), c.ports(), c.networks(), c.extra());
        }
    }

    /**
     * @param q matches a name or image containing it, or an id starting with it (ignoring case)
     * @param label {@code key} (has the label) or {@code key=value}
     */
    @Requires(value = Permission.CONTAINER_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/api/v1/containers")
    PageOf<FleetContainer> search(@RequestParam(required = false) @Size(max = 256) String q,
            @RequestParam(required = false) String state, @RequestParam(required = false) String host,
            @RequestParam(required = false) String group, @RequestParam(required = false) @Size(max = 512) String label,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
            Authentication caller) {
        ContainerState wanted = state(state);
        var snapshots = inventory.all();
        List<FleetContainer> found = new ArrayList<>();
        for (RegisteredHost visible : hosts.matching(caller, Permission.CONTAINER_READ, host, group)) {
            var snapshot = snapshots.get(visible.id());
            if (snapshot == null) {
                continue; // never answered: nothing known
            }
            String hostStatus = statuses.of(visible.id()).state();
            for (ContainerSummary c : snapshot.containers()) {
                if ((wanted == null || c.state() == wanted) && matches(c, q) && hasLabel(c, label)) {
                    found.add(FleetContainer.of(visible, hostStatus, c));
                }
            }
        }
        return PageOf.slice(found, page, size);
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

    private static boolean contains(String value, String needle) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static ContainerState state(String state) {
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
