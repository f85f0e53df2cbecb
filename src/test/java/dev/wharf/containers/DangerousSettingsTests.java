package dev.wharf.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which setting the policy check names, without an engine; the engine tests prove nothing reaches it. */
class DangerousSettingsTests {

    static final HostPolicy DENY_ALL = HostPolicy.DENY_ALL;

    @Test
    void aPlainContainerNeedsNoPolicy() {
        assertThat(DangerousSettings.firstRefused(DENY_ALL, spec(false, List.of(volume("cache")), List.of(), List.of(),
                "none", null, null))).isEmpty();
    }

    @Test
    void theFirstRefusedSettingIsNamedInAFixedOrder() {
        ContainerSpec everything = spec(true, List.of(volume("cache"), bind("/etc")), List.of("NET_ADMIN"),
                List.of("/dev/fuse"), "host", "host", "host");
        ContainerSpec noHostNetwork = spec(false, List.of(), List.of(), List.of(), "none", "host", "host");
        ContainerSpec onlyIpc = spec(false, List.of(), List.of(), List.of(), "none", null, "host");

        assertThat(refusedField(DENY_ALL, everything)).hasValue("privileged");
        assertThat(refusedField(new HostPolicy(true, List.of(), List.of(), false, false), everything))
                .hasValue("mounts[1].source");
        assertThat(refusedField(new HostPolicy(true, List.of("/"), List.of(), false, false), everything)).hasValue("capAdd");
        assertThat(refusedField(new HostPolicy(true, List.of("/"), List.of("ALL"), false, false), everything))
                .hasValue("devices");
        assertThat(refusedField(new HostPolicy(true, List.of("/"), List.of("ALL"), true, false), everything))
                .hasValue("network");
        assertThat(refusedField(new HostPolicy(true, List.of("/"), List.of("ALL"), true, true), everything)).isEmpty();
        assertThat(refusedField(DENY_ALL, noHostNetwork)).hasValue("pidMode");
        assertThat(refusedField(DENY_ALL, onlyIpc)).hasValue("ipcMode");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NET_ADMIN      | NET_ADMIN          | true",
        "net_admin      | CAP_NET_ADMIN      | true",
        "NET_ADMIN      | cap_net_admin      | true",
        "NET_ADMIN      | SYS_ADMIN          | false",
        "NET_ADMIN      | ALL                | false",
        "ALL            | all                | true",
        "ALL            | SYS_ADMIN          | true"})
    void capabilitiesCompareWithoutCaseOrPrefixAndAllNeedsAll(String allowed, String requested, boolean fine) {
        HostPolicy policy = new HostPolicy(false, List.of(), List.of(HostPolicy.bareCapability(allowed)), false, false);
        ContainerSpec spec = spec(false, List.of(), List.of(requested), List.of(), "none", null, null);

        assertThat(refusedField(policy, spec).isEmpty()).isEqualTo(fine);
    }

    @Test
    void everyAddedCapabilityMustBeAllowed() {
        HostPolicy policy = new HostPolicy(false, List.of(), List.of("NET_ADMIN"), false, false);

        assertThat(refusedField(policy, spec(false, List.of(), List.of("NET_ADMIN", "SYS_ADMIN"), List.of(), "none", null,
                null))).hasValue("capAdd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "bridge", "my-net"})
    void otherNetworksAreFine(String network) {
        assertThat(refusedField(DENY_ALL, spec(false, List.of(), List.of(), List.of(), network, null, null))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"private", "shareable", "none", ""})
    void privateAndNoNamespacesAreFine(String mode) {
        assertThat(refusedField(DENY_ALL, spec(false, List.of(), List.of(), List.of(), "none", mode, mode))).isEmpty();
    }

    /** Joining another container's namespaces may be joining the host's: it needs the same allowance. */
    @ParameterizedTest
    @ValueSource(strings = {"container:web-1", "CONTAINER:web-1"})
    void joiningAnotherContainersNamespacesIsRefused(String mode) {
        assertThat(refusedField(DENY_ALL, spec(false, List.of(), List.of(), List.of(), mode, null, null))).hasValue("network");
        assertThat(refusedField(DENY_ALL, spec(false, List.of(), List.of(), List.of(), "none", mode, null))).hasValue("pidMode");
        assertThat(refusedField(DENY_ALL, spec(false, List.of(), List.of(), List.of(), "none", null, mode))).hasValue("ipcMode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "HOST", " host"})
    void anySpellingOfTheHostNamespaceIsRefused(String mode) {
        assertThat(refusedField(DENY_ALL, spec(false, List.of(), List.of(), List.of(), mode, null, null))).hasValue("network");
    }

    @Test
    void windowsBindSourcesMatchWindowsPrefixesIgnoringCaseAndSeparator() {
        HostPolicy policy = new HostPolicy(false, List.of("C:\\Data"), List.of(), false, false);

        assertThat(refusedField(policy, spec(false, List.of(bind("c:/data/logs")), List.of(), List.of(), "none", null, null)))
                .isEmpty();
        assertThat(refusedField(policy, spec(false, List.of(bind("C:\\Database")), List.of(), List.of(), "none", null,
                null))).hasValue("mounts[0].source");
        assertThat(refusedField(policy, spec(false, List.of(bind("C:\\Data\\..\\Windows")), List.of(), List.of(), "none",
                null, null))).hasValue("mounts[0].source");
    }

    private static Optional<String> refusedField(HostPolicy policy, ContainerSpec spec) {
        return DangerousSettings.firstRefused(policy, spec).map(DangerousSettings.Refusal::field);
    }

    private static ContainerSpec spec(boolean privileged, List<ContainerSummary.Mount> mounts, List<String> capAdd,
            List<String> devices, String network, String pidMode, String ipcMode) {
        return new ContainerSpec("c", "busybox", null, null, null, network, null, mounts, null, null, null, privileged,
                capAdd, devices, pidMode, ipcMode);
    }

    private static ContainerSummary.Mount bind(String source) {
        return new ContainerSummary.Mount("bind", source, "/mnt", false);
    }

    private static ContainerSummary.Mount volume(String name) {
        return new ContainerSummary.Mount("volume", name, "/cache", false);
    }
}
