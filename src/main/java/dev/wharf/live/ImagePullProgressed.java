package dev.wharf.live;

import dev.wharf.engine.PullProgress;
import java.util.Map;
import java.util.UUID;

/**
 * Published (as a Spring application event) each time a pull moves on, and once when it ends. The
 * live streams carry it to the browser and to API clients.
 *
 * @param state {@code running}, {@code done} or {@code failed}
 * @param error why it failed, for {@code failed}
 */
public record ImagePullProgressed(UUID operationId, UUID hostId, String reference, String state, String status,
        int percent, Map<String, PullProgress.Layer> layers, String error) {

    public ImagePullProgressed {
        layers = layers == null ? Map.of() : Map.copyOf(layers);
    }
}
