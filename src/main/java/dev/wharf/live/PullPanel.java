package dev.wharf.live;

import dev.wharf.engine.PullProgress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A pull's progress as a page shows it ({@code fragments/images :: pull}): the page that started the pull
 * renders it first, then {@code /live} renders it again for every step, with the same id, for every viewer
 * of the host alike (it holds nothing of any one viewer). What the template calls is public.
 *
 * @param state {@code starting}, {@code running}, {@code done} or {@code failed}
 * @param percent the whole pull, 0 to 100
 * @param layers in a stable order (by id), so the bars keep their places from one step to the next
 */
public record PullPanel(UUID operationId, UUID hostId, String reference, String state, String status, int percent,
        String error, List<LayerBar> layers) {

    /**
     * One layer's bar, in thousandths: downloading fills the first half and extracting the second, so the bar
     * only moves forward.
     *
     * @param permille null while the layer has not said how big it is
     */
    public record LayerBar(String id, String status, Integer permille) {

        static LayerBar of(String id, PullProgress.Layer layer) {
            String status = layer.status() == null ? "" : layer.status();
            double fraction = layer.total() > 0 ? Math.min(1.0, (double) layer.current() / layer.total()) : 0;
            Integer permille;
            if (status.startsWith("Pull complete") || status.startsWith("Already exists")) {
                permille = 1000;
            } else if (status.startsWith("Extracting")) {
                permille = 500 + (int) Math.round(fraction * 500);
            } else if (status.startsWith("Verifying") || status.startsWith("Download complete")) {
                permille = 500;
            } else if (status.startsWith("Downloading") && layer.total() > 0) {
                permille = (int) Math.round(fraction * 500);
            } else {
                permille = null;
            }
            return new LayerBar(id, status, permille);
        }
    }

    public PullPanel {
        layers = List.copyOf(layers);
    }

    /** What the page that started the pull shows until the first event arrives. */
    public static PullPanel starting(UUID operationId, UUID hostId, String reference) {
        return new PullPanel(operationId, hostId, reference, "starting", null, 0, null, List.of());
    }

    /** From a {@code pull} event as {@link LiveEvents} carries it. */
    static PullPanel of(LiveEvent event) {
        Map<String, Object> details = event.details();
        List<LayerBar> bars = List.of();
        if (details.get("layers") instanceof Map<?, ?> layers) {
            bars = layers.entrySet().stream()
                    .filter(entry -> entry.getValue() instanceof PullProgress.Layer)
                    .map(entry -> LayerBar.of(String.valueOf(entry.getKey()), (PullProgress.Layer) entry.getValue()))
                    .sorted(Comparator.comparing(LayerBar::id)).toList();
        }
        int percent = details.get("percent") instanceof Number number ? number.intValue() : 0;
        return new PullPanel(UUID.fromString(event.resource().id()), event.hostId(), event.resource().name(), event.action(),
                (String) details.get("status"), percent, (String) details.get("error"), bars);
    }

    public boolean finished() {
        return "done".equals(state) || "failed".equals(state);
    }
}
