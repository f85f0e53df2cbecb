package dev.wharf.containers;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.LogQuery;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.PageOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/hosts/{hostId}/containers}: one host's containers. {@code containerId} is the engine's
 * id or the container's name. Lifecycle actions answer 204; what the engine refuses comes back as 404,
 * 409 or 400, an unreachable host as 502 and a slow one as 504.
 */
@RestController
@RequestMapping("/api/v1/hosts/{hostId}/containers")
class ContainerApiController {

    private final HostActions actions;
    private final VisibleHosts hosts;
    private final HostEngines engines;
    private final AccessPolicy access;
    private final Inventory inventory;
    private final ContainerChanges changes;

    ContainerApiController(HostActions actions, VisibleHosts hosts, HostEngines engines, AccessPolicy access, Inventory inventory,
            ContainerChanges changes) {
        this.actions = actions;
        this.hosts = hosts;
        this.engines = engines;
        this.access = access;
        this.inventory = inventory;
        this.changes = changes;
    }

    @Requires(Permission.CONTAINER_READ)
    @GetMapping
    PageOf<ContainerViews.Container> list(@PathVariable UUID hostId, @RequestParam(defaultValue = "false") boolean all,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
            Authentication caller) {
        hosts.require(caller, hostId, Permission.CONTAINER_READ);
        List<ContainerViews.Container> containers = inventory.of(hostId, true).containers().stream()
                .filter(c -> all || ContainerViews.LISTED_WITHOUT_ALL.contains(c.state()))
                .map(ContainerViews.Container::of).toList();
        return PageOf.slice(containers, page, size);
    }

    @Requires(Permission.CONTAINER_READ)
    @GetMapping("/{containerId}")
    ContainerViews.Detail inspect(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        RegisteredHost host = hosts.require(caller, hostId, Permission.CONTAINER_READ);
        boolean mayReadEnv = access.may(caller, Permission.CONTAINER_INSPECT_ENV, host.scope());
        return ContainerViews.Detail.of(engines.engine(hostId).inspect(containerId), mayReadEnv);
    }

    @Requires(Permission.CONTAINER_CREATE)
    @PostMapping
    ResponseEntity<ContainerViews.Detail> create(@PathVariable UUID hostId, @RequestBody @Valid ContainerRequests.Create body,
            Authentication caller) {
        String id = changes.create(caller, hostId, body);
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + hostId + "/containers/" + id))
                .body(inspect(hostId, id, caller));
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/start")
    ResponseEntity<Void> start(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        return run(caller, hostId, containerId, ContainerAction.START, ContainerAction.DEFAULT_GRACE, ContainerAction.DEFAULT_SIGNAL);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/stop")
    ResponseEntity<Void> stop(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "10") @Min(0) @Max(600) int timeout, Authentication caller) {
        return run(caller, hostId, containerId, ContainerAction.STOP, Duration.ofSeconds(timeout), ContainerAction.DEFAULT_SIGNAL);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/restart")
    ResponseEntity<Void> restart(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "10") @Min(0) @Max(600) int timeout, Authentication caller) {
        return run(caller, hostId, containerId, ContainerAction.RESTART, Duration.ofSeconds(timeout), ContainerAction.DEFAULT_SIGNAL);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/kill")
    ResponseEntity<Void> kill(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "SIGKILL") @Pattern(regexp = "(SIG)?[A-Z0-9+-]{1,16}|[0-9]{1,2}",
                    message = "must be a signal name such as SIGTERM or a number") String signal,
            Authentication caller) {
        return run(caller, hostId, containerId, ContainerAction.KILL, ContainerAction.DEFAULT_GRACE, signal);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/pause")
    ResponseEntity<Void> pause(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        return run(caller, hostId, containerId, ContainerAction.PAUSE, ContainerAction.DEFAULT_GRACE, ContainerAction.DEFAULT_SIGNAL);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/resume")
    ResponseEntity<Void> resume(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        return run(caller, hostId, containerId, ContainerAction.RESUME, ContainerAction.DEFAULT_GRACE, ContainerAction.DEFAULT_SIGNAL);
    }

    @Requires(Permission.CONTAINER_LIFECYCLE)
    @PostMapping("/{containerId}/rename")
    ResponseEntity<Void> rename(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestBody @Valid ContainerRequests.Rename body, Authentication caller) {
        changes.lifecycle(caller, hostId, "container.rename", containerId, engine -> engine.rename(containerId, body.name()));
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.CONTAINER_DELETE)
    @DeleteMapping("/{containerId}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "false") boolean force, Authentication caller) {
        changes.remove(caller, hostId, containerId, force);
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.CONTAINER_LOGS)
    @GetMapping("/{containerId}/logs")
    PageOf<ContainerViews.Line> logs(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "1000") @Min(0) @Max(100_000) int tail, @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "false") boolean timestamps, @RequestParam(defaultValue = "false") boolean follow,
            Authentication caller) {
        if (follow) {
            throw new InvalidInputException("follow", "following a log is a stream: send Accept: text/event-stream");
        }
        LogQuery query = new LogQuery(tail, instant("since", since), timestamps);
        List<ContainerViews.Line> lines = actions.read(caller, hostId, Permission.CONTAINER_LOGS,
                engine -> engine.logs(containerId, query)).stream().map(ContainerViews.Line::of).toList();
        return PageOf.whole(lines);
    }

    @Requires(Permission.CONTAINER_READ)
    @GetMapping("/{containerId}/stats")
    ContainerViews.Stats stats(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        return ContainerViews.Stats.of(actions.read(caller, hostId, Permission.CONTAINER_READ,
                engine -> engine.stats(containerId)));
    }

    private ResponseEntity<Void> run(Authentication caller, UUID hostId, String containerId, ContainerAction action,
            Duration grace, String signal) {
        changes.run(caller, hostId, containerId, action, grace, signal);
        return ResponseEntity.noContent().build();
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be an ISO-8601 UTC time such as 2026-11-28T10:00:00Z");
        }
    }
}
