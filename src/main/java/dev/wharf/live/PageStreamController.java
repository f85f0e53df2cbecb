package dev.wharf.live;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /live}: the browser's stream (session cookie), the same events as {@code /api/v1/events}
 * but as page fragments for htmx to swap in. A page names the last event it was rendered with
 * ({@code ?after=}), so what happened between rendering it and connecting is replayed; the browser's own
 * reconnects send {@code Last-Event-ID}, which wins. When the replay buffer no longer reaches back, the
 * stream says {@code resync} and the page reloads its content.
 */
@RestController
class PageStreamController {

    private final LiveEvents events;

    PageStreamController(LiveEvents events) {
        this.events = events;
    }

    @Requires(value = Permission.HOST_READ, on = Requires.On.EACH_HOST)
    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> live(Authentication caller, HttpServletRequest request,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            @RequestParam(name = "after", required = false) String after) {
        String resumeFrom = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
        return ResponseEntity.ok()
                .header("X-Accel-Buffering", "no")
                .body(events.open(caller, resumeFrom, LiveEvents.Form.HTML, sessionId(request)));
    }

    static String sessionId(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : session.getId();
    }
}
