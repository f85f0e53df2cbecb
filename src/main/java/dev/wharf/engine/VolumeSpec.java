package dev.wharf.engine;

import java.util.Map;

/** A volume to create; a null name lets the engine choose one. */
public record VolumeSpec(String name, String driver, Map<String, String> labels, Map<String, String> options) {

    public VolumeSpec {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
