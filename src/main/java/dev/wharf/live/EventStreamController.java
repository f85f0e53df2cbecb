package dev.wharf.live;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/events}: every change the caller may see, as server-sent events. A client that
 * reconnects sends {@code Last-Event-ID} (or {@code ?lastEventId=}, as EventSource polyfills do).
 */
@RestController
class EventStreamController {

    private final LiveEvents events;
    EventStreamController(LiveEvents events) {
        this.events = events;
    }

    @Requires(value = Permission.HOST_READ, on = Requires.On.EACH_HOST)
    @GetMapping(path = "/api/v1/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(Authentication caller,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
        String lastEventId = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader
                : lastEventIdParameter != null && !lastEventIdParameter.isBlank() ? lastEventIdParameter : null;
        return ResponseEntity.ok()
                .header("X-Accel-Buffering", "no") // nginx would otherwise hold events back
                .body(events.open(caller, lastEventId, LiveEvents.Form.JSON, null));
    }
}
