package dev.wharf.live;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One event as lists of the latest events say it: {@code 10:02:03 docker1 container web die (exited)}. The
 * same words whether a page renders the list or the live stream adds to it. Every part is shown as text.
 *
 * @param what the resource's name, or its short id when it has none (an image by digest)
 * @param state a container's state after the event, else null
 */
public record EventLine(long id, String type, String time, String at, String hostName, String what, String action,
        String state) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** @param hostName the host's name as the reader knows it; null falls back to what the event says */
    public static EventLine of(LiveEvent event, String hostName) {
        LiveEvent.Resource resource = event.resource();
        String name = resource == null ? null : resource.name();
        String id = resource == null ? null : resource.id();
        String what = name != null && !name.isBlank() ? name : shortId(id);
        Object state = event.details().get("state");
        String host = hostName != null ? hostName : "host".equals(event.type()) ? name : null;
        return new EventLine(event.id(), event.type(), TIME.format(event.at()), event.at().toString(),
                host == null ? "a removed host" : host, "host".equals(event.type()) ? null : what, event.action(),
                state == null ? null : state.toString());
    }

    private static String shortId(String id) {
        if (id == null) {
            return "—";
        }
        String bare = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
