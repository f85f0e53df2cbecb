package dev.wharf.images;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ImageDetail;
import dev.wharf.engine.ImageLayer;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.RegistryAuth;
import dev.wharf.hosts.HostActions;
import dev.wharf.live.Inventory;
import dev.wharf.web.PageOf;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/hosts/{hostId}/images}. {@code imageId} is the engine's id (or a short id, or a name without '/'). */
@RestController
@RequestMapping("/api/v1/hosts/{hostId}/images")
class ImageApiController {

    static final String REPOSITORY = "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*";
    static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";

    private final HostActions actions;
    private final ImageChanges changes;
    private final Inventory inventory;

    ImageApiController(HostActions actions, ImageChanges changes, Inventory inventory) {
        this.actions = actions;
        this.changes = changes;
        this.inventory = inventory;
    }

    record PullRequest(@NotBlank @Size(max = 512) String reference, @Valid Auth auth) {}

    /** Registry credentials for this one pull; never stored or logged. */
    record Auth(@NotBlank String username, @NotBlank String password, String serverAddress) {
        @Override
        public String toString() {
            return "Auth[" + username + ", password=<redacted>]";
        }
    }

    record TagRequest(@NotBlank @Pattern(regexp = REPOSITORY, message = "must be a repository name such as registry:5000/team/app")
            String repo, @NotBlank @Pattern(regexp = TAG, message = "must be a tag such as 1.0 or latest") String tag) {}

    record Operation(UUID operationId) {}

    record Imported(String id) {}

    @Requires(Permission.IMAGE_READ)
    @GetMapping
    PageOf<ImageSummary> list(@PathVariable UUID hostId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<ImageSummary> images = actions.read(caller, hostId, Permission.IMAGE_READ, engine -> {
            engine.images(); // a kind without images answers 501, as before
            return inventory.of(hostId, true).images();
        });
        return PageOf.slice(images, page, size);
    }

    @Requires(Permission.IMAGE_READ)
    @GetMapping("/{imageId}")
    ImageDetail inspect(@PathVariable UUID hostId, @PathVariable String imageId, Authentication caller) {
        return actions.read(caller, hostId, Permission.IMAGE_READ, engine -> engine.images().inspect(imageId));
    }

    @Requires(Permission.IMAGE_READ)
    @GetMapping("/{imageId}/history")
    PageOf<ImageLayer> history(@PathVariable UUID hostId, @PathVariable String imageId, Authentication caller) {
        List<ImageLayer> layers = actions.read(caller, hostId, Permission.IMAGE_READ, engine -> engine.images().history(imageId));
        return PageOf.whole(layers);
    }

    /** Starts a pull and answers at once; progress comes as events with the operation id. */
    @Requires(Permission.IMAGE_PULL)
    @ApiResponse(responseCode = "202", description = "Started; progress comes on GET /api/v1/events with this operationId")
    @PostMapping("/pull")
    ResponseEntity<Operation> pull(@PathVariable UUID hostId, @RequestBody @Valid PullRequest body, Authentication caller) {
        RegistryAuth auth = body.auth() == null ? null
                : new RegistryAuth(body.auth().username(), body.auth().password(), body.auth().serverAddress());
        UUID operation = changes.pull(caller, hostId, body.reference(), auth);
        return ResponseEntity.accepted().body(new Operation(operation));
    }

    @Requires(Permission.IMAGE_PULL)
    @PostMapping("/{imageId}/tag")
    ResponseEntity<Void> tag(@PathVariable UUID hostId, @PathVariable String imageId, @RequestBody @Valid TagRequest body,
            Authentication caller) {
        changes.tag(caller, hostId, imageId, body.repo(), body.tag());
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.IMAGE_DELETE)
    @DeleteMapping("/{imageId}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, @PathVariable String imageId,
            @RequestParam(defaultValue = "false") boolean force, Authentication caller) {
        changes.remove(caller, hostId, imageId, force);
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.IMAGE_DELETE)
    @PostMapping("/prune")
    PruneResult prune(@PathVariable UUID hostId, @RequestParam(defaultValue = "false") boolean dryRun, Authentication caller) {
        return dryRun ? changes.previewPrune(caller, hostId) : changes.prune(caller, hostId);
    }

    /** The request body is the tar itself, streamed to the engine. */
    @Requires(Permission.IMAGE_PULL)
    @PostMapping(path = "/import", consumes = {"application/x-tar", "application/octet-stream"})
    ResponseEntity<Imported> importTar(@PathVariable UUID hostId,
            @RequestParam(required = false) @Pattern(regexp = REPOSITORY, message = "must be a repository name") String repo,
            @RequestParam(required = false) @Pattern(regexp = TAG, message = "must be a tag") String tag,
            HttpServletRequest request, Authentication caller) {
        String id = actions.change(caller, hostId, Permission.IMAGE_PULL, "image.import", repo, engine -> {
            try {
                return engine.images().importTar(request.getInputStream(), repo, tag);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        inventory.refreshImages(hostId);
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + hostId + "/images/" + id)).body(new Imported(id));
    }
}
