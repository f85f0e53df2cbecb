package dev.wharf.engine;

import java.time.Instant;
import java.util.Map;

/** A volume. */
public record VolumeSummary(String name, String driver, String mountpoint, String scope, Instant createdAt,
        Map<String, String> labels, Map<String, String> options) {

    public VolumeSummary {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
