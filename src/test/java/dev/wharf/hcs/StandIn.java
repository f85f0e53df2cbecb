package dev.wharf.hcs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.wharf.hcs.nativeapi.ComputeCore;
import dev.wharf.hcs.nativeapi.HResult;
import dev.wharf.hcs.nativeapi.HcsLibraries;
import dev.wharf.hcs.nativeapi.Utf16;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The stand-in's test-control library ({@code libwharfstandin.so}, never part of the binding), and the
 * seeding the tests do through the real binding ({@code HcsCreateComputeSystem}).
 */
public final class StandIn {

    /** Operation types for {@link Control#WharfStandinSetDelay}. */
    static final int START = 2, SHUTDOWN = 3, PAUSE = 4, TERMINATE = 7;

    public interface Control extends Library {
        int WharfStandinOpenHandles();

        int WharfStandinUnfreedBuffers();

        int WharfStandinBadFrees();

        int WharfStandinPendingWork();

        int WharfStandinQuiesce(int ms);

        void WharfStandinReset();

        int WharfStandinSeed(String json);

        void WharfStandinFailNext(String exportName, int hresult);

        void WharfStandinErrorRecordNext(String exportName, String json);

        void WharfStandinSetDelay(int operationType, int ms);

        void WharfStandinLegacyErrors(int on);

        int WharfStandinExitSystem(String id, String exitType);

        int WharfStandinVanish(String id);

        int WharfStandinCallbacksRegistered();

        void WharfStandinSetShutdownLag(int ms);

        void WharfStandinListStoppedWhileHeld(int on);

        int WharfStandinDisconnectService();
    }

    private static volatile Control control;
    private static volatile HcsLibraries libraries;

    private StandIn() {}

    /** Plain {@code String} is right here: the control API takes UTF-8, unlike the Windows exports. */
    public static Control control() {
        if (control == null) {
            control = Native.load("wharfstandin", Control.class, java.util.Map.of(Library.OPTION_STRING_ENCODING, "UTF-8"));
        }
        return control;
    }

    static HcsLibraries libraries() {
        if (libraries == null) {
            libraries = HcsLibraries.load();
        }
        return libraries;
    }

    /** Creates a compute system (state Created) the way Docker or containerd would, through computecore. */
    static void createSystem(String id, String configuration) {
        ComputeCore api = libraries().computeCore();
        Pointer operation = api.HcsCreateOperation(null, null);
        PointerByReference system = new PointerByReference();
        try {
            int hresult = api.HcsCreateComputeSystem(Utf16.of(id), Utf16.of(configuration), operation, null, system);
            assertThat(HResult.hex(hresult)).as("HcsCreateComputeSystem " + id).isEqualTo(HResult.hex(0));
            PointerByReference document = new PointerByReference();
            int result = api.HcsWaitForOperationResult(operation, 5000, document);
            if (document.getValue() != null) {
                libraries().localMemory().LocalFree(document.getValue());
            }
            assertThat(HResult.hex(result)).as("creating " + id).isEqualTo(HResult.hex(0));
        } finally {
            if (system.getValue() != null) {
                api.HcsCloseComputeSystem(system.getValue());
            }
            api.HcsCloseOperation(operation);
        }
    }

    static void createContainer(String id) {
        createSystem(id, "{\"SchemaVersion\":{\"Major\":2,\"Minor\":1},\"Owner\":\"wharf-tests\",\"Container\":{}}");
    }

    /**
     * Seeds what a runtime does to put a container on an HCN network: a running compute system, a
     * namespace that names it, and an endpoint with an address in that namespace.
     */
    static void attach(String containerId, String networkId, String ip) {
        String namespace = UUID.randomUUID().toString();
        String endpoint = UUID.randomUUID().toString();
        assertThat(control().WharfStandinSeed("""
                {"systems": [{"Id": "%1$s", "Owner": "containerd-shim-runhcs-v1.exe", "State": "Running"}],
                 "namespaces": [{"ID": "%2$s", "NamespaceId": 7, "Type": "Guest",
                                 "Resources": [{"Type": "Container", "Data": {"ID": "%1$s"}},
                                               {"Type": "Endpoint", "Data": {"ID": "%3$s"}}]}],
                 "endpoints": [{"ID": "%3$s", "Name": "%1$s_eth0", "HostComputeNetwork": "%4$s", "HostComputeNamespace": "%2$s",
                                "IpConfigurations": [{"IpAddress": "%5$s", "PrefixLength": 24}], "MacAddress": "00-15-5D-52-C0-17"}]}
                """.formatted(containerId, namespace, endpoint, networkId, ip))).isZero();
    }

    /** After each test: nothing the binding opened is still open, nothing it was given is unfreed. */
    public static final class LeakCheck implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            Control standIn = control();
            assertThat(standIn.WharfStandinQuiesce(20_000)).as("the stand-in's work drains").isZero();
            assertThat(standIn.WharfStandinOpenHandles()).as("handles left open").isZero();
            assertThat(standIn.WharfStandinUnfreedBuffers()).as("documents left unfreed").isZero();
            assertThat(standIn.WharfStandinBadFrees()).as("wrong, double or foreign frees and closes").isZero();
        }
    }
}
