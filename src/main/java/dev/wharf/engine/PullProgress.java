package dev.wharf.engine;

import java.util.Map;

/**
 * Where a pull stands: each layer's status and bytes, and the whole as a percentage of the bytes
 * known so far (layers announce their size when they start downloading).
 *
 * @param status the engine's latest words for the whole pull
 */
public record PullProgress(String reference, String status, Map<String, Layer> layers, int percent, boolean done) {

    public PullProgress {
        layers = Map.copyOf(layers);
    }

    /** One layer: "Waiting", "Downloading", "Extracting", "Pull complete", "Already exists"... */
    public record Layer(String status, long current, long total) {}
}
