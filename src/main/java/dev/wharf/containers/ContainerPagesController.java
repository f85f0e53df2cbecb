package dev.wharf.containers;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A host's containers, and one container with its live stats and log. Both pages stay true without a
 * reload: the layout's {@code /live} stream swaps in changed rows, and the container page follows the
 * engine's stats and log streams. Each row offers the actions its viewer may take (see
 * {@link ContainerActionPagesController}).
 */
@Controller
class ContainerPagesController {

    private final VisibleHosts hosts;
    private final HostStatuses statuses;
    private final HostEngines engines;
    private final AccessPolicy access;
    private final HostContainersSection listing;
    private final ContainerRights rights;
    private final JsonMapper json;

    ContainerPagesController(VisibleHosts hosts, HostStatuses statuses, HostEngines engines, AccessPolicy access,
            HostContainersSection listing, ContainerRights rights, JsonMapper json) {
        this.json = json;
        this.rights = rights;
        this.hosts = hosts;
        this.statuses = statuses;
        this.engines = engines;
        this.access = access;
        this.listing = listing;
    }

    @Requires(Permission.CONTAINER_READ)
    @GetMapping("/hosts/{hostId}/containers")
    String list(@PathVariable UUID hostId, Authentication caller, HttpServletRequest request, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_READ);
        model.addAttribute("host", host);
        model.addAttribute("status", statuses.of(hostId));
        model.addAttribute("section", listing.of(host, caller, request));
        return "containers/list";
    }

    /**
     * One container: what inspect tells (the API's own inspect document too, env masked as the API masks it),
     * its live stats and log, and the actions its viewer may take. Lifecycle forms without script come back here;
     * removing goes back to the host's list.
     */
    @Requires(Permission.CONTAINER_READ)
    @GetMapping("/hosts/{hostId}/containers/{containerId}")
    String container(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller, Model model) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_READ);
        ContainerEngine engine = engines.engine(hostId);
        ContainerDetail detail;
        try {
            detail = engine.inspect(containerId);
        } catch (EngineException.NotFound e) {
            throw new NotFoundException("No container " + containerId + " on " + host.name());
        }
        ContainerSummary container = detail.summary();
        boolean mayReadEnv = access.may(caller, Permission.CONTAINER_INSPECT_ENV, host.scope());
        model.addAttribute("host", host);
        model.addAttribute("container", container);
        model.addAttribute("overview", new ContainerOverview(detail, host.kind() == HostKind.HCS));
        model.addAttribute("envMasked", !mayReadEnv);
        model.addAttribute("inspect", json.writerWithDefaultPrettyPrinter().writeValueAsString(ContainerViews.Detail.of(detail, mayReadEnv)));
        // a kind without logs (hcs) gets no log panel rather than one that can only fail
        model.addAttribute("canReadLogs", access.may(caller, Permission.CONTAINER_LOGS, host.scope())
                && engine.capabilities().contains(Capability.LOGS));
        model.addAttribute("allowed", rights.on(caller, host));
        model.addAttribute("back", Back.containerPage(hostId, container.id()));
        return "containers/detail";
    }
}
