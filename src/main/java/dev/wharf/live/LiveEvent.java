package dev.wharf.live;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One change as the streams carry it (ARCHITECTURE.md): {@code id} strictly increasing across the
 * console, {@code type} the SSE event name.
 *
 * @param type {@code container}, {@code image}, {@code switch}, {@code volume}, {@code host} (up/down),
 *     {@code pull} (progress)
 * @param hostId the host it happened on; every event has one, so access is checked per host
 * @param action what happened: the engine's verb ({@code start}, {@code die}, {@code destroy}...),
 *     {@code up}/{@code down} for hosts, the pull's state for pulls
 * @param details type-specific fields (a container's {@code state}, a host's {@code statusReason},
 *     a pull's {@code percent} and {@code layers}), serialised next to the others
 */
public record LiveEvent(long id, String type, UUID hostId, Resource resource, String action, Instant at,
        Map<String, Object> details) {

    public LiveEvent {
        // values may be null (a container without a name yet); the JSON shows them as null
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * Whether lists of the latest events show it: what happened to hosts and what is on them; not a pull's
     * progress (the pull's own page follows that) nor a host's facts being read again.
     */
    public boolean listed() {
        switch (type) {
            case "container":
            case "image":
            case "switch":
            case "volume":
                return true;
            case "host":
                return !"facts".equals(action);
            default:
                return false;
        }
    }

    /** @param kind {@code container}, {@code image}, {@code switch}, {@code volume}, {@code host}, {@code pull} */
    public record Resource(String kind, String id, String name) {}
}
