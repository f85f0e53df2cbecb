package dev.wharf.engine;

import java.time.Instant;
import java.util.List;

/** One step of an image's history, newest first. {@code id} is "<missing>" for layers built elsewhere. */
public record ImageLayer(String id, Instant createdAt, String createdBy, long sizeBytes, List<String> tags, String comment) {

    public ImageLayer {
        tags = List.copyOf(tags);
    }
}
