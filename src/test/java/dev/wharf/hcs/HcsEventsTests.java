package dev.wharf.hcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.engine.ContainerState;
import dev.wharf.engine.EngineEvent;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.EventSubscription;
import dev.wharf.testing.UsesHcsStandIn;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Live events of the HCS engine: exits from the per-system callbacks, the rest from re-enumeration. */
@UsesHcsStandIn
@ExtendWith(StandIn.LeakCheck.class)
class HcsEventsTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EngineTarget target = new EngineTarget(UUID.randomUUID(), "standin", "hcs", "local", null);
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private HcsEngine engine;

    @BeforeEach
    void reset() {
        StandIn.control().WharfStandinReset();
    }

    @AfterEach
    void close() {
        engine.close();
        StandIn.control().WharfStandinReset();
    }

    @Test
    void systemsThatComeChangeAndGoAreReported() throws InterruptedException {
        EventSubscription subscription = subscribe(Duration.ofMillis(200), null);

        StandIn.createContainer("watched");
        awaitEvent("watched", "create", ContainerState.CREATED);
        engine.start("watched");
        awaitEvent("watched", "start", ContainerState.RUNNING);
        engine.pause("watched");
        awaitEvent("watched", "pause", ContainerState.PAUSED);
        engine.resume("watched");
        awaitEvent("watched", "unpause", ContainerState.RUNNING);
        engine.stop("watched", Duration.ofSeconds(1));
        awaitEvent("watched", "die", ContainerState.EXITED);

        Thread.sleep(800); // several lists later, still one exit
        assertThat(events).filteredOn(e -> e instanceof EngineEvent.ContainerChanged c && c.action().equals("die"))
                .as("a stopped system is reported exited exactly once").hasSize(1);
        assertThat(events).extracting(EngineEvent::engineTimeNanos).isSorted().doesNotHaveDuplicates();
        subscription.close();
    }

    @Test
    void aStoppedSystemThatHcsStillListsIsReportedExitedOnce() throws InterruptedException {
        StandIn.control().WharfStandinListStoppedWhileHeld(1); // some builds list a stopped system while a handle is open
        StandIn.createContainer("lingering");
        EventSubscription subscription = subscribe(Duration.ofMillis(100), null);
        engine.start("lingering");
        awaitEvent("lingering", "start", ContainerState.RUNNING);
        await().atMost(WAIT).until(() -> StandIn.control().WharfStandinCallbacksRegistered() == 1);
        var runtimesHandle = engine.client().open("lingering"); // its runtime still holds it

        engine.kill("lingering", "SIGKILL");
        awaitEvent("lingering", "die", ContainerState.EXITED);
        Thread.sleep(600); // several lists later

        assertThat(events).filteredOn(e -> e instanceof EngineEvent.ContainerChanged c && c.action().equals("die")).hasSize(1);
        assertThat(engine.containers(true)).noneMatch(c -> c.id().equals("lingering"));
        engine.client().close(runtimesHandle);
        subscription.close();
    }

    @Test
    void aServiceDisconnectIsOneGapHoweverManySystemsAreWatched() throws InterruptedException {
        StandIn.createContainer("one");
        StandIn.createContainer("two");
        engine = new HcsEngine(target, StandIn.libraries(), new HcsSettings(Duration.ofSeconds(5), Duration.ofHours(1), 4, 256, true));
        engine.start("one");
        engine.start("two");
        EventSubscription subscription = engine.events(null, events::add); // watches both from its first list
        assertThat(StandIn.control().WharfStandinCallbacksRegistered()).isEqualTo(2);

        assertThat(StandIn.control().WharfStandinDisconnectService()).isEqualTo(2);

        await().atMost(WAIT).until(() -> !events.isEmpty());
        Thread.sleep(300);
        assertThat(events).singleElement().isInstanceOf(EngineEvent.Gap.class);
        subscription.close();
        engine.kill("one", "SIGKILL");
        engine.kill("two", "SIGKILL");
    }

    @Test
    void aConsumerMayCloseTheSubscriptionFromItsOwnCallback() {
        StandIn.createContainer("closer");
        List<EventSubscription> self = new CopyOnWriteArrayList<>();
        engine = new HcsEngine(target, StandIn.libraries(), new HcsSettings(Duration.ofSeconds(5), Duration.ofMillis(100), 4, 256, true));
        self.add(engine.events(null, event -> {
            events.add(event);
            self.get(0).close();
        }));
        Instant before = Instant.now();

        engine.start("closer");

        await().atMost(WAIT).until(() -> !events.isEmpty());
        await().atMost(WAIT).until(() -> StandIn.control().WharfStandinCallbacksRegistered() == 0);
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(5));
        engine.kill("closer", "SIGKILL");
    }

    @Test
    void anExitArrivesThroughTheCallbackEvenAfterAGarbageCollection() throws InterruptedException {
        StandIn.createContainer("collected");
        engine = new HcsEngine(target, StandIn.libraries(), new HcsSettings(Duration.ofSeconds(5), Duration.ofHours(1), 4, 256, true));
        engine.start("collected");
        // an hour between lists: only the callback can report the exit in time
        EventSubscription subscription = engine.events(null, events::add);
        assertThat(StandIn.control().WharfStandinCallbacksRegistered()).isEqualTo(1);

        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(StandIn.control().WharfStandinExitSystem("collected", "UnexpectedExit")).isZero();

        awaitEvent("collected", "die", ContainerState.EXITED);
        subscription.close();
        assertThat(StandIn.control().WharfStandinCallbacksRegistered()).isZero();
    }

    @Test
    void aSystemThatVanishesWithoutAnEventIsReportedByTheNextList() {
        StandIn.createContainer("vanishing");
        EventSubscription subscription = subscribe(Duration.ofMillis(200), null);
        engine.start("vanishing");
        awaitEvent("vanishing", "start", ContainerState.RUNNING);

        assertThat(StandIn.control().WharfStandinVanish("vanishing")).isZero();

        awaitEvent("vanishing", "die", ContainerState.EXITED);
        subscription.close();
    }

    @Test
    void aResumedSubscriptionStartsWithAGapBecauseHcsKeepsNoHistory() {
        EventSubscription subscription = subscribe(Duration.ofMillis(200), Instant.now().minusSeconds(60));

        await().atMost(WAIT).until(() -> !events.isEmpty());
        assertThat(events.get(0)).isInstanceOf(EngineEvent.Gap.class);
        subscription.close();
    }

    @Test
    void closingTheEngineClosesItsSubscriptionsAndTheirHandles() {
        StandIn.createContainer("held");
        subscribe(Duration.ofMillis(200), null);
        engine.start("held");
        awaitEvent("held", "start", ContainerState.RUNNING);
        await().atMost(WAIT).until(() -> StandIn.control().WharfStandinCallbacksRegistered() == 1);

        engine.close();

        assertThat(StandIn.control().WharfStandinOpenHandles()).isZero();
        assertThat(StandIn.control().WharfStandinCallbacksRegistered()).isZero();
        engine = new HcsEngine(target, StandIn.libraries(), HcsEngineContractTests.SETTINGS);
        engine.kill("held", "SIGKILL");
    }

    private EventSubscription subscribe(Duration poll, Instant since) {
        engine = new HcsEngine(target, StandIn.libraries(), new HcsSettings(Duration.ofSeconds(5), poll, 4, 256, true));
        return engine.events(since, events::add);
    }

    private void awaitEvent(String id, String action, ContainerState state) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(events).anySatisfy(event -> {
            assertThat(event).isInstanceOfSatisfying(EngineEvent.ContainerChanged.class, changed -> {
                assertThat(changed.containerId()).isEqualTo(id);
                assertThat(changed.action()).isEqualTo(action);
                assertThat(changed.state()).isEqualTo(state);
            });
        }));
    }
}
