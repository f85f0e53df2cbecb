package dev.wharf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.core.RemoteApiVersion;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.VolumeSpec;
import dev.wharf.engine.VolumeSummary;
import dev.wharf.engine.Volumes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Docker host's volumes. */
final class DockerVolumes implements Volumes {

    private final DockerConnection engine;

    DockerVolumes(DockerConnection engine) {
        this.engine = engine;
    }

    /** Raw answers: docker-java's volume model leaves out the creation time and scope. */
    @Override
    public List<VolumeSummary> list() {
        return engine.call(docker -> {
            List<VolumeSummary> volumes = new ArrayList<>();
            engine.raw().get("/volumes").path("Volumes").forEach(v -> volumes.add(summary(v)));
            return volumes;
        });
    }

    @Override
    public VolumeSummary inspect(String name) {
        return engine.call(docker -> summary(engine.raw().get("/volumes/" + DockerImages.encode(name))));
    }

    @Override
    public VolumeSummary create(VolumeSpec spec) {
        return engine.call(docker -> {
            var command = docker.createVolumeCmd().withLabels(spec.labels()).withDriverOpts(spec.options());
            if (spec.name() != null) {
                command.withName(spec.name());
            }
            if (spec.driver() != null) {
                command.withDriver(spec.driver());
            }
            String name = command.exec().getName();
            return summary(engine.raw().get("/volumes/" + DockerImages.encode(name)));
        });
    }

    @Override
    public void remove(String name, boolean force) {
        engine.call(docker -> {
            // docker-java's remove has no force flag; the raw call carries it
            engine.raw().delete("/volumes/" + DockerImages.encode(name) + (force ? "?force=true" : ""));
            return null;
        });
    }

    @Override
    public PruneResult prune(boolean dryRun) {
        return engine.call(docker -> {
            if (dryRun) {
                List<InspectVolumeResponse> unused = docker.listVolumesCmd().withDanglingFilter(true).exec().getVolumes();
                return new PruneResult(unused == null ? List.of() : unused.stream().map(InspectVolumeResponse::getName).toList(),
                        0, true);
            }
            // from API 1.42 a prune keeps named volumes unless asked for all; the dry run lists all unused ones
            String filter = engine.apiAtLeast(RemoteApiVersion.VERSION_1_42)
                    ? "?filters=" + DockerImages.query("{\"all\":[\"true\"]}") : "";
            JsonNode answer = engine.raw().post("/volumes/prune" + filter);
            List<String> removed = new ArrayList<>();
            answer.path("VolumesDeleted").forEach(v -> removed.add(v.asText()));
            return new PruneResult(removed, answer.path("SpaceReclaimed").asLong(), false);
        });
    }

    private static VolumeSummary summary(JsonNode v) {
        return new VolumeSummary(v.path("Name").asText(), v.path("Driver").asText(null), v.path("Mountpoint").asText(null),
                v.path("Scope").asText(null), DockerModels.time(v.path("CreatedAt").asText(null)), strings(v.path("Labels")),
                strings(v.path("Options")));
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
