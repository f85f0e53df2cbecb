package dev.wharf.engine;

import java.time.Instant;
import java.util.List;

/** An image as a list shows it; {@code containers} is how many containers use it, -1 when unknown. */
public record ImageSummary(String id, List<String> tags, long sizeBytes, Instant createdAt, int containers) {

    public ImageSummary {
        tags = List.copyOf(tags);
    }
}
