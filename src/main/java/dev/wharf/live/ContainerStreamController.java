package dev.wharf.live;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.web.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A container's live stats and log follow, as server-sent events: JSON for the API (bearer token,
 * {@code Accept: text/event-stream}), HTML fragments for the container page (session cookie). However many
 * watch, the engine is followed once per container.
 */
@RestController
class ContainerStreamController {

    /** Log lines a stream starts with unless the caller asks otherwise. */
    private static final int DEFAULT_TAIL = 100;
    /** Lines a container page starts with. */
    private static final int PAGE_TAIL = 200;

    private final HostEngines engines;
    private final VisibleHosts hosts;
    private final AccessPolicy access;
    private final ContainerFeeds feeds;

    ContainerStreamController(HostEngines engines, VisibleHosts hosts, AccessPolicy access, ContainerFeeds feeds) {
        this.engines = engines;
        this.hosts = hosts;
        this.access = access;
        this.feeds = feeds;
    }

    /** One sample a second; the stream starts with the newest sample the feed has, if any. */
    @Requires(Permission.CONTAINER_READ)
    @GetMapping(path = "/api/v1/hosts/{hostId}/containers/{containerId}/stats", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> apiStats(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        return stream(caller, null, hostId, containerId, Permission.CONTAINER_READ, ContainerFeeds.Kind.STATS, 1, LiveEvents.Form.JSON);
    }

    /** The newest {@code tail} lines (at most 1000), then each new line as it is written, until the container stops. */
    @Requires(Permission.CONTAINER_LOGS)
    @GetMapping(path = "/api/v1/hosts/{hostId}/containers/{containerId}/logs", params = "follow=true",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> apiLogs(@PathVariable UUID hostId, @PathVariable String containerId,
            @RequestParam(defaultValue = "" + DEFAULT_TAIL) int tail, Authentication caller) {
        if (tail < 0 || tail > ContainerFeeds.Kind.LOGS.maxReplay()) {
            throw new InvalidInputException("tail", "must be between 0 and " + ContainerFeeds.Kind.LOGS.maxReplay() + " when following");
        }
        return stream(caller, null, hostId, containerId, Permission.CONTAINER_LOGS, ContainerFeeds.Kind.LOGS, tail, LiveEvents.Form.JSON);
    }

    /** The container page's resource panel: the newest sample, then one a second. */
    @Requires(Permission.CONTAINER_READ)
    @GetMapping(path = "/hosts/{hostId}/containers/{containerId}/stats/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> pageStats(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller,
            HttpServletRequest request) {
        return stream(caller, PageStreamController.sessionId(request), hostId, containerId, Permission.CONTAINER_READ,
                ContainerFeeds.Kind.STATS, 1, LiveEvents.Form.HTML);
    }

    @Requires(Permission.CONTAINER_LOGS)
    @GetMapping(path = "/hosts/{hostId}/containers/{containerId}/logs/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> pageLogs(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller,
            HttpServletRequest request) {
        return stream(caller, PageStreamController.sessionId(request), hostId, containerId, Permission.CONTAINER_LOGS,
                ContainerFeeds.Kind.LOGS, PAGE_TAIL, LiveEvents.Form.HTML);
    }

    private ResponseEntity<SseEmitter> stream(Authentication caller, String sessionId, UUID hostId, String containerId,
            Permission permission, ContainerFeeds.Kind kind, int replay, LiveEvents.Form form) {
        HostScope scope = hosts.require(caller, hostId, permission).scope();
        // the engine's own answer: 404 for a container it does not have, and the full id for a name
        ContainerSummary container = engines.engine(hostId).inspect(containerId).summary();
        return ResponseEntity.ok()
                .header("X-Accel-Buffering", "no")
                .body(feeds.open(caller, sessionId, hostId, container.id(), container.name(), kind, replay, form,
                        () -> access.may(caller, Permission.HOST_READ, scope) && access.may(caller, permission, scope)));
    }
}
