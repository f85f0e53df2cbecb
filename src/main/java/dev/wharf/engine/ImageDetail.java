package dev.wharf.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An image as inspect shows it. */
public record ImageDetail(String id, List<String> tags, List<String> digests, long sizeBytes, Instant createdAt,
        String os, String architecture, List<String> command, List<String> entrypoint, Map<String, String> env,
        Map<String, String> labels, String workingDir) {

    public ImageDetail {
        tags = List.copyOf(tags);
        digests = List.copyOf(digests);
        command = List.copyOf(command);
        entrypoint = List.copyOf(entrypoint);
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
