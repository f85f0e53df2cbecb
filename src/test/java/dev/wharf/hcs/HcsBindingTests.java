package dev.wharf.hcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.jna.NativeLibrary;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.testing.UsesHcsStandIn;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HCS-specific behaviour of the binding against the stand-in: error codes, strings, concurrency, the libraries loaded. */
@UsesHcsStandIn
@ExtendWith(StandIn.LeakCheck.class)
class HcsBindingTests {

    private final EngineTarget target = new EngineTarget(UUID.randomUUID(), "standin", "hcs", "local", null);
    private HcsEngine engine;

    @BeforeEach
    void open() {
        StandIn.control().WharfStandinReset();
        engine = new HcsEngine(target, StandIn.libraries(), new HcsSettings(Duration.ofMillis(500), Duration.ofSeconds(1), 4, 256, true));
    }

    @AfterEach
    void close() {
        engine.close();
        StandIn.control().WharfStandinReset();
    }

    @Test
    void theBindingLoadsTheStandInJustBuilt() throws IOException {
        File loaded = NativeLibrary.getInstance("computecore").getFile();
        Path built = Path.of(System.getProperty("jna.library.path"), "libcomputecore.so");

        assertThat(loaded.toPath().toRealPath()).isEqualTo(built.toRealPath());
        try (Stream<Path> sources = Files.list(Path.of("src/test/native"))) {
            for (Path source : sources.toList()) {
                assertThat(Files.getLastModifiedTime(built)).as("built after " + source.getFileName())
                        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(source));
            }
        }
    }

    @Test
    void anUnknownSystemIsNotFoundInEachFormHcsUses() {
        assertHresult(() -> engine.start("no-such-system"), EngineException.NotFound.class, "0x8037010E");

        StandIn.control().WharfStandinLegacyErrors(1);
        assertHresult(() -> engine.start("no-such-system"), EngineException.NotFound.class, "0xC037010E");
        StandIn.control().WharfStandinLegacyErrors(0);

        StandIn.control().WharfStandinFailNext("HcsOpenComputeSystem", 0x80070490);
        assertHresult(() -> engine.pause("no-such-system"), EngineException.NotFound.class, "0x80070490");
    }

    @Test
    void theWrongStateIsAConflict() {
        StandIn.createContainer("created-only");

        assertHresult(() -> engine.pause("created-only"), EngineException.Conflict.class, "0x80370105");

        StandIn.control().WharfStandinLegacyErrors(1);
        assertHresult(() -> engine.resume("created-only"), EngineException.Conflict.class, "0xC0370105");
        StandIn.control().WharfStandinLegacyErrors(0);
        engine.kill("created-only", "SIGKILL");
    }

    @Test
    void terminatingASystemThatAlreadyStoppedIsAConflictOnItsHandle() {
        StandIn.createContainer("stops-twice");
        HcsClient client = engine.client();

        EngineException second = client.withSystem("stops-twice", system -> {
            client.terminate(system, "stops-twice", Duration.ofSeconds(5));
            try {
                client.terminate(system, "stops-twice", Duration.ofSeconds(5));
                return null;
            } catch (EngineException e) {
                return e;
            }
        });

        assertThat(second).isInstanceOf(EngineException.Conflict.class);
        assertThat(second.hresultHex()).contains("0x80370110");
        assertThat(second.getMessage()).contains("has already stopped");
    }

    @Test
    void anOperationThatOutlivesItsTimeoutIsATimeout() {
        StandIn.createContainer("slow-start");
        StandIn.control().WharfStandinSetDelay(StandIn.START, 2000);

        assertHresult(() -> engine.start("slow-start"), EngineException.Timeout.class, "0x80370118");
        StandIn.control().WharfStandinSetDelay(StandIn.START, 2);
        StandIn.control().WharfStandinQuiesce(5000);
        engine.kill("slow-start", "SIGKILL");
    }

    @Test
    void accessDeniedAndAnOsMismatchAreHcsErrorsThatSayWhy() {
        StandIn.createContainer("refused");

        StandIn.control().WharfStandinFailNext("HcsStartComputeSystem", 0x8037011B);
        EngineException denied = assertHresult(() -> engine.start("refused"), EngineException.HcsError.class, "0x8037011B");
        assertThat(denied.getMessage()).contains("Hyper-V Administrators");

        StandIn.control().WharfStandinFailNext("HcsStartComputeSystem", 0x80370101);
        EngineException mismatch = assertHresult(() -> engine.start("refused"), EngineException.HcsError.class, "0x80370101");
        assertThat(mismatch.getMessage()).contains("operating system does not match");
        engine.kill("refused", "SIGKILL");
    }

    @Test
    void whatHcsDoesNotDoIsUnsupported() {
        StandIn.createContainer("no-logs");

        assertThatThrownBy(() -> engine.kill("no-logs", "SIGUSR1")).isInstanceOf(EngineException.Unsupported.class);
        assertThatThrownBy(() -> engine.images()).isInstanceOf(EngineException.Unsupported.class);
        assertThatThrownBy(() -> engine.volumes()).isInstanceOf(EngineException.Unsupported.class);
        engine.kill("no-logs", "SIGKILL");
    }

    @Test
    void namesWithAccentsCjkAndEmojiRoundTrip() {
        String id = "café-東京-😀-" + UUID.randomUUID().toString().substring(0, 8);
        StandIn.createContainer(id);

        engine.start(id);

        ContainerSummary listed = engine.containers(false).stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        assertThat(listed.name()).isEqualTo(id);
        assertThat(engine.inspect(id).summary().state()).isEqualTo(ContainerState.RUNNING);
        engine.stop(id, Duration.ofSeconds(1));
        assertThat(engine.containers(true)).noneMatch(c -> c.id().equals(id));
    }

    @Test
    void twoHundredOperationsAtOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            StandIn.createContainer("busy-" + i);
        }
        HcsClient client = engine.client();
        ExecutorService callers = Executors.newFixedThreadPool(200);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "busy-" + (i % 20);
                calls.add(i % 2 == 0
                        ? () -> ComputeSystem.listOf(client.enumerate(Duration.ofSeconds(30))).size()
                        : () -> client.withSystem(id, system -> ComputeSystem.of(HcsJson.read(
                                client.properties(system, id, null, Duration.ofSeconds(30)))).id().length()));
            }
            for (Future<Integer> result : callers.invokeAll(calls)) {
                assertThat(result.get()).isPositive();
            }
        } finally {
            callers.shutdown();
        }
        for (int i = 0; i < 20; i++) {
            engine.kill("busy-" + i, "SIGKILL");
        }
    }

    @Test
    void hyperVIsolationNamesItsUtilityVm() {
        StandIn.createSystem("pod-1@vm", "{\"Owner\":\"containerd-shim-runhcs-v1.exe\",\"VirtualMachine\":{}}");
        StandIn.createSystem("pod-1", "{\"Owner\":\"containerd-shim-runhcs-v1.exe\",\"HostingSystemId\":\"pod-1@vm\",\"Container\":{}}");
        StandIn.createContainer("plain");

        List<ContainerSummary> all = engine.containers(true);

        assertThat(facts(all, "pod-1")).containsEntry("isolation", "hyperv").containsEntry("utilityVm", "pod-1@vm")
                .containsEntry("owner", "containerd-shim-runhcs-v1.exe").containsEntry("systemType", "Container");
        assertThat(facts(all, "pod-1@vm")).containsEntry("isolation", "hyperv").containsEntry("utilityVmOf", "pod-1")
                .containsEntry("systemType", "VirtualMachine");
        assertThat(facts(all, "plain")).containsEntry("isolation", "process").doesNotContainKey("utilityVm")
                .containsKey("runtimeId");
        for (String id : List.of("pod-1", "pod-1@vm", "plain")) {
            engine.kill(id, "SIGKILL");
        }
    }

    @Test
    void stopForcesASystemThatDoesNotShutDownInTime() {
        StandIn.createContainer("stubborn");
        engine.start("stubborn");
        StandIn.control().WharfStandinSetDelay(StandIn.SHUTDOWN, 3000);
        Instant before = Instant.now();

        engine.stop("stubborn", Duration.ofMillis(200));

        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(3));
        assertThat(engine.containers(true)).noneMatch(c -> c.id().equals("stubborn"));
        StandIn.control().WharfStandinSetDelay(StandIn.SHUTDOWN, 2);
    }

    @Test
    void stopWaitsForTheGuestToExitAndForcesOneThatIgnoresTheShutdown() {
        StandIn.createContainer("slow-guest");
        StandIn.createContainer("deaf-guest");
        engine.start("slow-guest");
        engine.start("deaf-guest");

        StandIn.control().WharfStandinSetShutdownLag(150); // the operation ends before the guest has stopped
        engine.stop("slow-guest", Duration.ofSeconds(5));
        assertThat(engine.containers(true)).as("stop returns only once the system is gone").noneMatch(c -> c.id().equals("slow-guest"));

        StandIn.control().WharfStandinSetShutdownLag(-1); // the guest never stops by itself
        Instant before = Instant.now();
        engine.stop("deaf-guest", Duration.ofMillis(300));
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(3));
        assertThat(engine.containers(true)).noneMatch(c -> c.id().equals("deaf-guest"));
    }

    @Test
    void aSystemThatCannotShutDownInItsStateIsTerminatedByStop() {
        StandIn.createContainer("paused-one");
        engine.start("paused-one");
        engine.pause("paused-one");
        StandIn.control().WharfStandinFailNext("HcsShutDownComputeSystem", 0x80370105);

        engine.stop("paused-one", Duration.ofSeconds(1));

        assertThat(engine.containers(true)).noneMatch(c -> c.id().equals("paused-one"));
    }

    @Test
    void sigtermShutsDownAndOtherSignalsAreUnsupported() {
        StandIn.createContainer("termed");
        engine.start("termed");

        engine.kill("termed", "SIGTERM");

        assertThat(engine.containers(true)).noneMatch(c -> c.id().equals("termed"));
        assertThatThrownBy(() -> engine.kill("termed", "SIGHUP")).isInstanceOf(EngineException.Unsupported.class);
    }

    @Test
    void aContainerWithItsOwnRuntimeIsHyperVIsolatedEvenWithoutAUtilityVmName() {
        // Docker's own Hyper-V containers name no hosting system; their runtime id is the VM's
        StandIn.createSystem("docker-hyperv", "{\"Owner\":\"docker\",\"RuntimeId\":\"3f1c2b9a-0d1e-4c55-9a77-1b2c3d4e5f60\",\"Container\":{}}");
        StandIn.createSystem("docker-process", "{\"Owner\":\"docker\",\"Container\":{}}");

        List<ContainerSummary> all = engine.containers(true);

        assertThat(facts(all, "docker-hyperv")).containsEntry("isolation", "hyperv").doesNotContainKey("utilityVm");
        assertThat(facts(all, "docker-process")).containsEntry("isolation", "process")
                .containsEntry("runtimeId", "00000000-0000-0000-0000-000000000000");
        engine.kill("docker-hyperv", "SIGKILL");
        engine.kill("docker-process", "SIGKILL");
    }

    @Test
    void windows11IsNamedAsSuchThoughItsRegistrySaysWindows10() {
        assertThat(WindowsFacts.windows11("Windows 10 Pro", "22631")).isEqualTo("Windows 11 Pro");
        assertThat(WindowsFacts.windows11("Windows 10 Pro", "19045")).isEqualTo("Windows 10 Pro");
        assertThat(WindowsFacts.windows11("Windows Server 2022 Datacenter", "20348")).isEqualTo("Windows Server 2022 Datacenter");
    }

    @Test
    void statsReadProcessorMemoryAndStorage() throws InterruptedException {
        StandIn.createContainer("measured");
        engine.start("measured");

        var first = engine.stats("measured");
        Thread.sleep(50);
        var second = engine.stats("measured");

        assertThat(first.memoryBytes()).isPositive();
        assertThat(second.cpuTimeNanos()).isGreaterThan(first.cpuTimeNanos());
        assertThat(second.at()).isAfter(first.at());
        assertThat(engine.inspect("measured").startedAt()).isBeforeOrEqualTo(second.at());
        engine.kill("measured", "SIGKILL");
    }

    @Test
    void infoReadsTheSchemaVersionsAndCountsSystems() {
        StandIn.createContainer("counted");

        var info = engine.info();

        assertThat(info.apiVersion()).isEqualTo("2.5");
        assertThat(info.containersByState()).containsEntry(ContainerState.CREATED, 1);
        engine.kill("counted", "SIGKILL");
    }

    private static java.util.Map<String, String> facts(List<ContainerSummary> all, String id) {
        return all.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().extra();
    }

    private static EngineException assertHresult(Runnable call, Class<? extends EngineException> type, String hresult) {
        try {
            call.run();
        } catch (EngineException e) {
            assertThat(e).isInstanceOf(type);
            assertThat(e.hresultHex()).contains(hresult);
            return e;
        }
        throw new AssertionError("expected " + type.getSimpleName() + " with " + hresult);
    }
}
