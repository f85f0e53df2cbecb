package dev.wharf.images;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ImageSummary;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.web.PageOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/images}: the images of every host the caller may see, searched in memory. */
@RestController
@Validated
class FleetImageController {

    private final VisibleHosts hosts;
    private final Inventory inventory;

    FleetImageController(VisibleHosts hosts, Inventory inventory) {
        this.hosts = hosts;
        this.inventory = inventory;
    }

    record FleetImage(UUID hostId, String hostName, String id, List<String> tags, long sizeBytes, Instant createdAt, int containers) {}

    /** @param q matches a tag containing it, or an id starting with it (with or without {@code sha256:}) */
    @Requires(value = Permission.IMAGE_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/api/v1/images")
    PageOf<FleetImage> search(@RequestParam(required = false) @Size(max = 256) String q,
            @RequestParam(required = false) String host, @RequestParam(required = false) String group,
            @RequestParam(defaultValue = "0") @Min(0) int page, @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size,
            Authentication caller) {
        var snapshots = inventory.all();
        List<FleetImage> found = new ArrayList<>();
        for (RegisteredHost visible : hosts.matching(caller, Permission.IMAGE_READ, host, group)) {
            var snapshot = snapshots.get(visible.id());
            if (snapshot == null) {
                continue;
            }
            for (ImageSummary image : snapshot.images()) {
                if (matches(image, q)) {
                    found.add(new FleetImage(visible.id(), visible.name(), image.id(), image.tags(), image.sizeBytes(),
                            image.createdAt(), image.containers()));
                }
            }
        }
        return PageOf.slice(found, page, size);
    }

    /** The fleet's search, for the API and the page alike: an id prefix (with or without {@code sha256:}) or part of a tag. */
    static boolean matches(ImageSummary image, String q) {
        if (q == null || q.isBlank()) {
            return true;
        }
        String needle = q.strip().toLowerCase(Locale.ROOT);
        String id = image.id().toLowerCase(Locale.ROOT);
        return id.startsWith(needle) || id.startsWith("sha256:" + needle)
                || image.tags().stream().anyMatch(tag -> tag.toLowerCase(Locale.ROOT).contains(needle));
    }
}
