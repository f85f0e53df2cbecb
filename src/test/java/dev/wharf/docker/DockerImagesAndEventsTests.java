package dev.wharf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import dev.wharf.engine.PullProgress;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestEngines;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pulls with progress and resumable events, through the real adapter against real engines and a real registry. */
@UsesTestEngines
class DockerImagesAndEventsTests {

    static DockerEngine engine;

    @BeforeAll
    static void connect() {
        TestEngines.ensureImage(TestEngines.unix());
        TestEngines.ensureImage(TestEngines.tlsSocket());
        engine = new DockerEngine(new EngineTarget(UUID.randomUUID(), "unix-engine", "docker", TestEngines.unix(), null),
                DockerEngineContractTests.SETTINGS, true);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aPullFromTheRegistryReportsRisingProgressUntilDone() throws Exception {
        String reference = dev.wharf.testing.TestImagesInRegistry.pushImageWithABigLayer();

        List<PullProgress> progress = new CopyOnWriteArrayList<>();
        engine.images().pull(reference, null, progress::add);

        List<Integer> before = progress.stream().filter(p -> !p.done()).map(PullProgress::percent).distinct().toList();
        assertThat(before).as("distinct percentages before completion").hasSizeGreaterThanOrEqualTo(2).isSorted();
        assertThat(before.get(before.size() - 1)).isGreaterThan(before.get(0));
        assertThat(progress.stream().flatMap(p -> p.layers().values().stream()).map(PullProgress.Layer::status))
                .anyMatch(status -> status.startsWith("Downloading"));
        PullProgress last = progress.get(progress.size() - 1);
        assertThat(last.done()).isTrue();
        assertThat(last.percent()).isEqualTo(100);
        assertThat(engine.images().list()).anyMatch(image -> image.tags().contains(reference));
    }

    @Test
    void eventsMissedWhileDisconnectedArriveExactlyOnceAfterResuming() throws Exception {
        String id = engine.create(new ContainerSpec("wharf-events-" + UUID.randomUUID().toString().substring(0, 8),
                TestEngines.IMAGE, List.of("sleep", "300"), null, null, "none", null, null, null, null, null, false, null,
                null, null, null));
        BlockingQueue<EngineEvent> first = new LinkedBlockingQueue<>();
        Instant lastSeen;
        try (EventSubscription subscription = engine.events(Instant.now().minusSeconds(1), first::add)) {
            engine.start(id);
            lastSeen = waitFor(first, id, "start").at();
        }

        TestEngines.cli(TestEngines.unix(), "stop", "-t", "1", id);
        TestEngines.cli(TestEngines.unix(), "rm", id);

        BlockingQueue<EngineEvent> resumed = new LinkedBlockingQueue<>();
        try (EventSubscription subscription = engine.events(lastSeen, resumed::add)) {
            waitFor(resumed, id, "destroy");
            Thread.sleep(500); // anything duplicated would arrive right behind
        }
        List<EngineEvent.ContainerChanged> missed = resumed.stream()
                .filter(e -> e instanceof EngineEvent.ContainerChanged c && c.containerId().equals(id))
                .map(e -> (EngineEvent.ContainerChanged) e).toList();

        // exactly what the engine itself reports for that window, each once, in order
        Instant after = lastSeen.plusNanos(1);
        List<String> engineSays = TestEngines.cli(TestEngines.unix(), "events", "--since",
                after.getEpochSecond() + "." + String.format("%09d", after.getNano()), "--until", Long.toString(Instant.now().getEpochSecond() + 1),
                "--filter", "container=" + id, "--format", "{{.TimeNano}} {{.Action}}");
        assertThat(missed).extracting(e -> e.engineTimeNanos() + " " + e.action()).containsExactlyElementsOf(engineSays);
        assertThat(missed).extracting(EngineEvent.ContainerChanged::action).contains("die", "stop", "destroy")
                .doesNotContain("start", "create");
        assertThat(resumed).noneMatch(e -> e instanceof EngineEvent.Gap);
    }

    /** Waits until the stream has delivered {@code action} for the container; the queue keeps every event. */
    private static EngineEvent.ContainerChanged waitFor(BlockingQueue<EngineEvent> events, String id, String action)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            var found = events.stream()
                    .filter(e -> e instanceof EngineEvent.ContainerChanged c && c.containerId().equals(id) && c.action().equals(action))
                    .map(e -> (EngineEvent.ContainerChanged) e).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + action + "' event for " + id + "; got " + events);
    }
}
