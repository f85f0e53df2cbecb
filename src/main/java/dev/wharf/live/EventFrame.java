package dev.wharf.live;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event as it goes on the wire: {@code id:}, {@code event:} and one line of JSON {@code data:}. The
 * text is made once, by whichever stream sends it first, and shared by all of them (and the replay buffer).
 */
final class EventFrame {

    private static final Logger log = LoggerFactory.getLogger(EventFrame.class);
    private static final java.util.Set<String> OWN_FIELDS = java.util.Set.of("id", "hostId", "type", "resource", "action", "at");

    private final LiveEvent event;
    private final JsonMapper json;
    private volatile String text;

    EventFrame(LiveEvent event, JsonMapper json) {
        this.event = event;
        this.json = json;
    }

    LiveEvent event() {
        return event;
    }

    long id() {
        return event.id();
    }

    /** Racy but idempotent: two threads may both render it, and both get the same text. */
    String text() {
        String rendered = text;
        if (rendered == null) {
            rendered = "id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + json() + "\n\n";
            text = rendered;
        }
        return rendered;
    }

    /** A detail that JSON cannot carry costs the event its details, not every stream its connection. */
    private String json() {
        try {
            return json.writeValueAsString(data(true));
        } catch (JacksonException e) {
            log.warn("Event {} ({}) is sent without its details, which cannot be written as JSON: {}", event.id(),
                    event.type(), e.getOriginalMessage());
            return json.writeValueAsString(data(false));
        }
    }

    /** ARCHITECTURE.md's shape; details sit next to the others but cannot replace them. */
    private Map<String, Object> data(boolean withDetails) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", event.id());
        data.put("hostId", event.hostId());
        data.put("type", event.type());
        data.put("resource", event.resource());
        data.put("action", event.action());
        data.put("at", event.at());
        event.details().forEach((key, value) -> {
            if (withDetails && !OWN_FIELDS.contains(key)) {
                data.put(key, value);
            }
        });
        return data;
    }
}
