package dev.wharf.live;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One event as it goes on the wire: {@code id:}, {@code event:} and {@code data:} (one line of JSON for the
 * API; a page's HTML, a {@code data:} per line). The
 * text is made once, by whichever stream sends it first, and shared by all of them (and the replay buffer).
 */
final class EventFrame {

    private static final Logger log = LoggerFactory.getLogger(EventFrame.class);
    private static final java.util.Set<String> OWN_FIELDS = java.util.Set.of("id", "hostId", "type", "resource", "action", "at");

    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private final LiveEvent event;
    private final JsonMapper json;
    /** Who may see it, when that was settled as it was published (see {@link #scope()}); else null. */
    private final dev.wharf.access.HostScope scope;
    private volatile String text;
    /** The page form; "" when the renderer had nothing to show for this event. */
    private volatile String html;

    EventFrame(LiveEvent event, JsonMapper json) {
        this(event, json, null);
    }

    EventFrame(LiveEvent event, JsonMapper json, dev.wharf.access.HostScope scope) {
        this.event = event;
        this.json = json;
        this.scope = scope;
    }

    /**
     * The host's scope as it was when the event was published, for events about the registration itself:
     * a removed host can no longer be looked up, yet who could see it should learn that it is gone. Null for
     * the rest, whose host is looked up as each stream sends them.
     */
    dev.wharf.access.HostScope scope() {
        return scope;
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

    /**
     * The frame as pages get it: the same id and event name, with {@code render}'s HTML (null: nothing
     * for pages) as its data. Rendered once, by the first stream that sends it; a frame has one renderer.
     */
    String html(Function<LiveEvent, String> render) {
        String rendered = html;
        if (rendered == null) {
            String fragment;
            try {
                fragment = render.apply(event);
            } catch (RuntimeException e) {
                // cached as nothing: a replay of this frame must not fail every reconnecting page again
                log.warn("Event {} ({}) is not sent to pages: its fragment failed to render", event.id(), event.type(), e);
                fragment = null;
            }
            rendered = fragment == null || fragment.isBlank() ? "" : sse(event.id(), event.type(), fragment);
            html = rendered;
        }
        return rendered.isEmpty() ? null : rendered;
    }

    /**
     * One SSE event; every line of {@code data} gets its own {@code data:} field (the client joins them
     * with newlines), so no character an engine put in a name can end the event early or forge a field.
     */
    static String sse(long id, String type, String data) {
        StringBuilder out = new StringBuilder(data.length() + 64).append("id: ").append(id).append("\nevent: ").append(type).append('\n');
        for (String line : LINE_BREAK.split(data, -1)) {
            out.append("data: ").append(line).append('\n');
        }
        return out.append('\n').toString();
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
