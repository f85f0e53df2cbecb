package dev.wharf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.ImageDetail;
import dev.wharf.engine.ImageLayer;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.Images;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.PullProgress;
import dev.wharf.engine.RegistryAuth;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A Docker host's images. */
final class DockerImages implements Images {

    private final DockerConnection engine;

    DockerImages(DockerConnection engine) {
        this.engine = engine;
    }

    @Override
    public List<ImageSummary> list() {
        return engine.call(docker -> {
            Map<String, Long> users = docker.listContainersCmd().withShowAll(true).exec().stream()
                    .collect(Collectors.groupingBy(Container::getImageId, Collectors.counting()));
            return docker.listImagesCmd().exec().stream().map(image -> summary(image, users)).toList();
        });
    }

    @Override
    public ImageDetail inspect(String imageId) {
        return engine.call(docker -> detail(docker.inspectImageCmd(imageId).exec()));
    }

    @Override
    public List<ImageLayer> history(String imageId) {
        return engine.call(docker -> {
            List<ImageLayer> layers = new ArrayList<>();
            for (JsonNode step : engine.raw().get("/images/" + encode(imageId) + "/history")) {
                List<String> tags = new ArrayList<>();
                step.path("Tags").forEach(tag -> tags.add(tag.asText()));
                layers.add(new ImageLayer(step.path("Id").asText(), Instant.ofEpochSecond(step.path("Created").asLong()),
                        step.path("CreatedBy").asText(), step.path("Size").asLong(), tags, step.path("Comment").asText()));
            }
            return layers;
        });
    }

    @Override
    public void pull(String reference, RegistryAuth auth, Consumer<PullProgress> progress) {
        String explicit = withTag(reference);
        engine.longCall(docker -> {
            // always explicit credentials (empty for anonymous), never whatever docker-java would look up
            var command = docker.pullImageCmd(explicit).withAuthConfig(auth == null ? new AuthConfig()
                    : new AuthConfig().withUsername(auth.username()).withPassword(auth.password())
                            .withRegistryAddress(auth.serverAddress()));
            DockerPullTracker tracker = new DockerPullTracker(explicit, progress);
            try {
                command.exec(new ResultCallback.Adapter<PullResponseItem>() {
                    @Override
                    public void onNext(PullResponseItem item) {
                        tracker.accept(item);
                    }
                }).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException.Timeout("The pull of " + explicit + " was interrupted", null, e);
            }
            tracker.finish();
            return null;
        });
    }

    @Override
    public void tag(String imageId, String repository, String tag) {
        engine.call(docker -> {
            docker.tagImageCmd(imageId, repository, tag).exec();
            return null;
        });
    }

    @Override
    public void remove(String imageId, boolean force) {
        engine.call(docker -> {
            docker.removeImageCmd(imageId).withForce(force).exec();
            return null;
        });
    }

    @Override
    public PruneResult prune(boolean dryRun) {
        return engine.call(docker -> {
            if (dryRun) {
                List<Image> dangling = docker.listImagesCmd().withDanglingFilter(true).exec();
                return new PruneResult(dangling.stream().map(Image::getId).toList(),
                        dangling.stream().mapToLong(i -> i.getSize() == null ? 0 : i.getSize()).sum(), true);
            }
            JsonNode answer = engine.raw().post("/images/prune");
            List<String> removed = new ArrayList<>();
            answer.path("ImagesDeleted").forEach(d -> {
                if (d.hasNonNull("Deleted")) {
                    removed.add(d.get("Deleted").asText());
                }
            });
            return new PruneResult(removed, answer.path("SpaceReclaimed").asLong(), false);
        });
    }

    @Override
    public String importTar(InputStream tar, String repository, String tag) {
        return engine.longCall(docker -> {
            StringBuilder path = new StringBuilder("/images/create?fromSrc=-");
            if (repository != null) {
                path.append("&repo=").append(query(repository));
            }
            if (tag != null) {
                path.append("&tag=").append(query(tag));
            }
            JsonNode answer = engine.raw().postTar(path.toString(), tar);
            String id = answer.path("status").asText();
            if (!id.startsWith("sha256:")) {
                throw new EngineException.Rejected("The engine did not import the tar: " + answer, null, null);
            }
            return id;
        });
    }

    private static ImageSummary summary(Image image, Map<String, Long> users) {
        List<String> tags = image.getRepoTags() == null ? List.of()
                : Arrays.stream(image.getRepoTags()).filter(t -> !"<none>:<none>".equals(t)).toList();
        return new ImageSummary(image.getId(), tags, image.getSize() == null ? 0 : image.getSize(),
                image.getCreated() == null ? null : Instant.ofEpochSecond(image.getCreated()),
                users.getOrDefault(image.getId(), 0L).intValue());
    }

    private static ImageDetail detail(InspectImageResponse r) {
        var config = r.getConfig();
        Map<String, String> env = config == null ? Map.of() : DockerModels.env(config.getEnv());
        return new ImageDetail(r.getId(), r.getRepoTags() == null ? List.of() : r.getRepoTags(),
                r.getRepoDigests() == null ? List.of() : r.getRepoDigests(), r.getSize() == null ? 0 : r.getSize(),
                DockerModels.time(r.getCreated()), r.getOs(), r.getArch(),
                config == null || config.getCmd() == null ? List.of() : Arrays.asList(config.getCmd()),
                config == null || config.getEntrypoint() == null ? List.of() : Arrays.asList(config.getEntrypoint()),
                env, config == null || config.getLabels() == null ? Map.of() : config.getLabels(),
                config == null ? null : config.getWorkingDir());
    }

    /**
     * A reference without a tag or digest means {@code latest}, as the docker CLI has it; the Engine
     * API itself would pull every tag of the repository.
     */
    static String withTag(String reference) {
        int slash = reference.lastIndexOf('/');
        return reference.contains("@") || reference.indexOf(':', slash + 1) >= 0 ? reference : reference + ":latest";
    }

    /** One path segment of an Engine API path: percent-encoded, and never a dot segment that would climb. */
    static String encode(String value) {
        if (value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new EngineException.Rejected("'" + value + "' is not a name", null, null);
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query parameter value. */
    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
