package dev.wharf.switches;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.PageOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/switches}: Docker networks and HCN networks of every host the caller may see, searched in memory. */
@RestController
@Validated
class FleetSwitchController {

    private final VisibleHosts hosts;
    private final Inventory inventory;

    FleetSwitchController(VisibleHosts hosts, Inventory inventory) {
        this.hosts = hosts;
        this.inventory = inventory;
    }

    /** A switch with its host; the switch's own fields sit next to the host's, as in the per-host list. */
    record FleetSwitch(UUID hostId, String hostName, @JsonUnwrapped SwitchApiController.SwitchView network) {}

    /** @param q matches a name containing it, an id starting with it, or the type (ignoring case) */
    @Requires(value = Permission.SWITCH_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/api/v1/switches")
    PageOf<FleetSwitch> search(@RequestParam(required = false) @Size(max = 256) String q,
            @RequestParam(required = false) String host, @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
            Authentication caller) {
        var snapshots = inventory.all();
        List<FleetSwitch> found = new ArrayList<>();
        for (RegisteredHost visible : hosts.matching(caller, Permission.SWITCH_READ, host, group)) {
            var snapshot = snapshots.get(visible.id());
            if (snapshot == null) {
                continue;
            }
            for (SwitchSummary network : snapshot.switches()) {
                if (matches(network, q)) {
                    found.add(new FleetSwitch(visible.id(), visible.name(), SwitchApiController.SwitchView.of(network)));
                }
            }
        }
        return PageOf.slice(found, page, size);
    }

    private static boolean matches(SwitchSummary network, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.strip().toLowerCase(Locale.ROOT);
        return (network.name() != null && network.name().toLowerCase(Locale.ROOT).contains(needle))
                || network.id().toLowerCase(Locale.ROOT).startsWith(needle)
                || (network.type() != null && network.type().equalsIgnoreCase(needle));
    }
}
