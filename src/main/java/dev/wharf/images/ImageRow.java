package dev.wharf.images;

import dev.wharf.web.Bytes;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.ImageSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One image as the tables show it, with the containers that use it. What the templates call is public
 * (SpEL calls public methods only).
 *
 * @param usedBy the host's containers running this image, as the inventory last saw them
 */
record ImageRow(ImageSummary image, List<ContainerSummary> usedBy) {

    /**
     * Pairs each image with its containers. Docker containers name their image's id ({@code extra.imageId});
     * their {@code image} is only the reference they were created from, which may since point elsewhere.
     * A container that names no id (another kind) is matched by that reference against the tags and id.
     */
    static List<ImageRow> of(List<ImageSummary> images, List<ContainerSummary> containers) {
        // by id first: a fleet page pairs thousands of images with thousands of containers
        Map<String, List<ContainerSummary>> byImageId = containers.stream().filter(c -> c.extra().containsKey("imageId"))
                .collect(Collectors.groupingBy(c -> c.extra().get("imageId")));
        List<ContainerSummary> byReference = containers.stream().filter(c -> !c.extra().containsKey("imageId")).toList();
        return images.stream().map(image -> {
            List<ContainerSummary> users = new ArrayList<>(byImageId.getOrDefault(image.id(), List.of()));
            byReference.stream().filter(container -> uses(container, image)).forEach(users::add);
            return new ImageRow(image, List.copyOf(users));
        }).toList();
    }

    static boolean uses(ContainerSummary container, ImageSummary image) {
        String imageId = container.extra().get("imageId");
        if (imageId != null) {
            return imageId.equals(image.id());
        }
        String reference = container.image();
        return reference != null && (reference.equals(image.id()) || image.tags().contains(reference)
                || image.tags().contains(reference + ":latest"));
    }

    /** The tags, or {@code <none>} for an untagged image. */
    public List<String> tags() {
        return image.tags().isEmpty() ? List.of("<none>") : image.tags();
    }

    public boolean tagged() {
        return !image.tags().isEmpty();
    }

    /** What a person calls the image: its first tag, or its short id. */
    public String name() {
        return tagged() ? image.tags().get(0) : shortId();
    }

    /** The first 12 hex digits, as {@code docker images} shows it. */
    public String shortId() {
        return shortId(image.id());
    }

    public String size() {
        return Bytes.binary(image.sizeBytes());
    }

    static String shortId(String id) {
        String hex = Objects.requireNonNullElse(id, "").startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
