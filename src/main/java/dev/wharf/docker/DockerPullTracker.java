package dev.wharf.docker;

import com.github.dockerjava.api.model.PullResponseItem;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.PullProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds Docker's pull messages into {@link PullProgress}. Each layer is downloaded, then extracted; a
 * layer's share of the whole is half each phase, and the whole is the mean over the layers the engine
 * announced (it announces them all before the first byte) that it has to fetch: a layer the host already
 * has is no work, and counting it would put the bar near the top before the first byte of a new layer
 * came. The percentage never goes backwards.
 */
final class DockerPullTracker {

    private final String reference;
    private final Consumer<PullProgress> sink;
    private final Map<String, PullProgress.Layer> layers = new LinkedHashMap<>();
    private final Map<String, double[]> phases = new LinkedHashMap<>();
    private final java.util.Set<String> present = new java.util.HashSet<>();
    private String status = "Pulling";
    private int percent;

    DockerPullTracker(String reference, Consumer<PullProgress> sink) {
        this.reference = reference;
        this.sink = sink;
    }

    void accept(PullResponseItem item) {
        if (item.isErrorIndicated()) {
            String error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            throw new EngineException.Rejected("Pull of " + reference + " failed: " + error, null, null);
        }
        if (item.getStatus() == null) {
            return;
        }
        if (isLayer(item)) {
            layer(item.getId(), item.getStatus(), item.getProgressDetail());
        } else {
            status = item.getStatus();
        }
        percent = Math.max(percent, overall());
        sink.accept(new PullProgress(reference, status, layers, percent, false));
    }

    void finish() {
        percent = 100;
        sink.accept(new PullProgress(reference, status, layers, percent, true));
    }

    private void layer(String id, String layerStatus, com.github.dockerjava.api.model.ResponseItem.ProgressDetail detail) {
        double[] done = phases.computeIfAbsent(id, key -> new double[2]);
        long current = detail == null || detail.getCurrent() == null ? 0 : detail.getCurrent();
        long total = detail == null || detail.getTotal() == null ? 0 : detail.getTotal();
        double fraction = total > 0 ? Math.min(1.0, (double) current / total) : 0;
        if (layerStatus.startsWith("Downloading")) {
            done[0] = Math.max(done[0], fraction);
        } else if (layerStatus.startsWith("Verifying") || layerStatus.startsWith("Download complete")) {
            done[0] = 1;
        } else if (layerStatus.startsWith("Extracting")) {
            done[0] = 1;
            done[1] = Math.max(done[1], fraction);
        } else if (layerStatus.startsWith("Pull complete")) {
            done[0] = 1;
            done[1] = 1;
        } else if (layerStatus.startsWith("Already exists")) {
            present.add(id);
        }
        layers.put(id, new PullProgress.Layer(layerStatus, current, total));
    }

    private int overall() {
        List<double[]> fetched = phases.entrySet().stream().filter(layer -> !present.contains(layer.getKey()))
                .map(Map.Entry::getValue).toList();
        if (fetched.isEmpty()) {
            return 0;
        }
        double sum = fetched.stream().mapToDouble(p -> (p[0] + p[1]) / 2).sum();
        return (int) Math.min(99, Math.floor(sum / fetched.size() * 100));
    }

    /** Layer messages carry the layer id; the first and last lines of a pull carry the tag or digest. */
    private boolean isLayer(PullResponseItem item) {
        return item.getId() != null && !item.getStatus().startsWith("Pulling from")
                && !item.getStatus().startsWith("Digest") && !item.getStatus().startsWith("Status")
                && !reference.endsWith(":" + item.getId());
    }
}
