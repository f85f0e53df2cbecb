package dev.wharf.images;

import java.util.concurrent.atomic.AtomicReference;
import dev.wharf.engine.PullProgress;
import dev.wharf.live.Inventory;
import dev.wharf.live.ImagePullProgressed;
import dev.wharf.access.CallerAudit;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.RegistryAuth;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs pulls in the background, since a pull can take minutes: the caller gets an operation id at once
 * and follows {@link ImagePullProgressed} events. The end of each pull is audited with its outcome.
 */
@Component
class ImagePulls {

    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    /** These threads only wait for each host's own long-call threads; enough that hosts do not queue behind each other. */
    private final ThreadPoolExecutor pulls = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), runnable -> {
                Thread thread = new Thread(runnable, "image-pull");
                thread.setDaemon(true);
                return thread;
            });

    private final Inventory inventory;

    ImagePulls(ApplicationEventPublisher events, AuditTrail audit, Inventory inventory) {
        this.inventory = inventory;
        this.events = events;
        this.audit = audit;
        pulls.allowCoreThreadTimeOut(true);
    }

    UUID start(Authentication caller, UUID hostId, ContainerEngine engine, String reference, RegistryAuth auth) {
        UUID operation = UUID.randomUUID();
        var who = CallerAudit.entry(caller, "image.pull", hostId, reference, AuditEntry.Outcome.SUCCESS, null);
        // the pull ends on another thread, where no request says where the caller was
        String from = AuditTrail.requestClientAddress();
        try {
            pulls.submit(() -> run(operation, hostId, engine, reference, auth, who, from));
        } catch (RejectedExecutionException e) {
            EngineException.Unavailable busy = new EngineException.Unavailable("Too many pulls are running; try again shortly", hostId, e);
            audit.record(failed(who, busy), from);
            throw busy;
        }
        return operation;
    }

    private void run(UUID operation, UUID hostId, ContainerEngine engine, String reference, RegistryAuth auth, AuditEntry who,
            String from) {
        try {
            AtomicReference<PullProgress> last = new AtomicReference<>();
            engine.images().pull(reference, auth, progress -> {
                PullProgress previous = last.getAndSet(progress);
                // every byte reported would flood the streams' queues; a client needs each step of the percentage,
                // and each layer's new status (its bar on a page moves on to extracting, or fills)
                boolean moved = previous == null || previous.percent() != progress.percent()
                        || !java.util.Objects.equals(previous.status(), progress.status())
                        || !layerStatuses(previous).equals(layerStatuses(progress));
                if (!progress.done() && moved) {
                    events.publishEvent(new ImagePullProgressed(operation, hostId, reference, "running", progress.status(),
                            progress.percent(), progress.layers(), null));
                }
            });
            // the image list shows the new image before "done" goes out, so a client that lists on "done" finds it
            inventory.refreshImages(hostId);
            PullProgress done = last.get();
            events.publishEvent(new ImagePullProgressed(operation, hostId, reference, "done", done == null ? null : done.status(),
                    100, done == null ? Map.of() : done.layers(), null));
            audit.record(who, from);
        } catch (RuntimeException e) {
            events.publishEvent(new ImagePullProgressed(operation, hostId, reference, "failed", null, 0, Map.of(), e.getMessage()));
            audit.record(failed(who, e), from);
        }
    }

    private static Map<String, String> layerStatuses(PullProgress progress) {
        Map<String, String> statuses = new java.util.HashMap<>();
        progress.layers().forEach((id, layer) -> statuses.put(id, layer.status()));
        return statuses;
    }

    private static AuditEntry failed(AuditEntry who, RuntimeException e) {
        return new AuditEntry(who.actor(), who.tokenId(), who.action(), who.hostId(), who.resource(), AuditEntry.Outcome.FAILURE,
                e.getMessage());
    }

    @PreDestroy
    void stop() {
        pulls.shutdownNow();
    }
}
