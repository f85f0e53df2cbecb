package dev.wharf.hcs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.engine.HostInfo;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.testing.UsesHcsStandIn;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HCN-specific behaviour through the real binding to computenetwork and advapi32 (the stand-in). */
@UsesHcsStandIn
@ExtendWith(StandIn.LeakCheck.class)
class HcnSwitchesTests {

    private HcsEngine engine;

    @BeforeEach
    void open() {
        StandIn.control().WharfStandinReset();
        engine = new HcsEngine(new EngineTarget(UUID.randomUUID(), "standin", "hcs", "local", null), StandIn.libraries(),
                HcsEngineContractTests.SETTINGS);
    }

    @AfterEach
    void close() {
        engine.close();
        StandIn.control().WharfStandinReset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NAT", "ICS", "Transparent", "L2Bridge", "L2Tunnel", "Overlay", "Private", "Internal"})
    void everyNetworkTypeIsCreatedAndReadBack(String type) {
        String id = engine.switches().create(new SwitchSpec("net-" + type.toLowerCase(), type.toLowerCase(),
                List.of(new SwitchSummary.Subnet("10.9.8.0/24", "10.9.8.1")), false, "Ethernet 2", null));

        SwitchSummary created = engine.switches().inspect(id);

        assertThat(created.type()).isEqualTo(type);
        assertThat(created.adapter()).isEqualTo("Ethernet 2");
        assertThat(created.policies()).extracting(SwitchSummary.Policy::type).containsExactly("NetAdapterName");
        assertThat(created.internal()).isEqualTo(type.equals("Internal") || type.equals("Private"));
    }

    @Test
    void aNetworkWithoutATypeIsNatAsHnsWritesIt() {
        String id = UUID.randomUUID().toString().toUpperCase();
        StandIn.control().WharfStandinSeed("""
                {"networks": [{"ID": "%s", "Name": "nat", "Flags": 1048, "SchemaVersion": {"Major": 2, "Minor": 0},
                  "Policies": [{"Type": "NetAdapterName", "Settings": {"NetworkAdapterName": "vEthernet (nat)"}}],
                  "Ipams": [{"Type": "Static", "Subnets": [{"IpAddressPrefix": "172.31.176.0/20",
                    "Routes": [{"NextHop": "172.31.176.1", "DestinationPrefix": "0.0.0.0/0"}]}]}]}]}
                """.formatted(id));

        SwitchSummary nat = engine.switches().inspect("nat");

        assertThat(nat.id()).as("ids in lower case whatever case HCN writes").isEqualTo(id.toLowerCase());
        assertThat(nat.type()).isEqualTo("NAT");
        assertThat(nat.subnets()).containsExactly(new SwitchSummary.Subnet("172.31.176.0/20", "172.31.176.1"));
        assertThat(nat.flags()).containsExactly("EnableNonPersistent", "0x10", "DisableHostPort");
        assertThat(nat.adapter()).isEqualTo("vEthernet (nat)");
        assertThat(engine.switches().inspect(id).name()).isEqualTo("nat");
    }

    @Test
    void successWithAnErrorRecordIsAFailure() {
        StandIn.control().WharfStandinErrorRecordNext("HcnEnumerateNetworks",
                "{\"Success\":false,\"Error\":\"The network service is degraded\",\"ErrorCode\":-2143617001}");

        assertThatThrownBy(() -> engine.switches().list()).isInstanceOfSatisfying(EngineException.HcsError.class, e -> {
            assertThat(e.getMessage()).contains("success together with an error record", "The network service is degraded");
            assertThat(e.hresultHex()).contains("0x803B0017");
        });
        assertThat(engine.switches().list()).as("the next call is fine again").isEmpty();
    }

    @Test
    void anEndpointNamesTheComputeSystemOfItsNamespace() {
        String id = engine.switches().create(new SwitchSpec("pods", "L2Bridge",
                List.of(new SwitchSummary.Subnet("10.244.1.0/24", "10.244.1.1")), false, null, null));
        StandIn.attach("pod-a", id, "10.244.1.5");
        StandIn.control().WharfStandinSeed("""
                {"endpoints": [{"ID": "%s", "Name": "host-vnic", "HostComputeNetwork": "%s",
                  "IpConfigurations": [{"IpAddress": "10.244.1.2"}], "MacAddress": "00-15-5D-00-00-02"}]}
                """.formatted(UUID.randomUUID(), id.toUpperCase()));

        List<SwitchSummary.Attachment> attached = engine.switches().inspect(id).attached();

        assertThat(attached).extracting(SwitchSummary.Attachment::containerId, SwitchSummary.Attachment::ip)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("pod-a", "10.244.1.5"),
                        org.assertj.core.groups.Tuple.tuple(null, "10.244.1.2"));
        assertThat(attached).allSatisfy(a -> assertThat(a.endpointId()).isNotBlank());
    }

    @Test
    void whatHcnRefusesIsAClearRefusal() {
        assertThatThrownBy(() -> engine.switches().create(new SwitchSpec("x", "bridge", List.of(), false, null, null)))
                .isInstanceOf(EngineException.Rejected.class).hasMessageContaining("L2Bridge");
        assertThatThrownBy(() -> engine.switches().create(new SwitchSpec("x", "NAT",
                List.of(new SwitchSummary.Subnet("10.1.1.0/24", null)), false, null, null)))
                .isInstanceOf(EngineException.Rejected.class).hasMessageContaining("gateway");
        assertThatThrownBy(() -> engine.switches().create(new SwitchSpec("x", "NAT", List.of(), false, null, Map.of("a", "b"))))
                .isInstanceOf(EngineException.Rejected.class);
        assertThatThrownBy(() -> engine.switches().connect("x", "y")).isInstanceOf(EngineException.Unsupported.class);
        assertThat(engine.switches().list()).as("nothing was created").isEmpty();

        engine.switches().create(new SwitchSpec("once", null, List.of(), false, null, null));
        assertThatThrownBy(() -> engine.switches().create(new SwitchSpec("once", null, List.of(), false, null, null)))
                .isInstanceOfSatisfying(EngineException.Conflict.class, e -> assertThat(e.hresultHex()).contains("0x803B0010"));
        assertThatThrownBy(() -> engine.switches().inspect(UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(EngineException.NotFound.class, e -> assertThat(e.hresultHex()).contains("0x803B0001"));
    }

    @Test
    void hostFactsNameWindowsItsSchemaVersionsAndTheServicesBehindContainers() {
        StandIn.control().WharfStandinSeed("""
                {"services": [{"Name": "vmcompute", "State": "running"}, {"Name": "hns", "State": "running"},
                              {"Name": "containerd", "State": "stopped"}],
                 "registry": {"ProductName": "Windows Server 2022 Datacenter", "DisplayVersion": "21H2",
                              "CurrentBuildNumber": "20348", "UBR": 2227}}
                """);

        HostInfo info = engine.info();

        assertThat(info.os()).isEqualTo("Windows Server 2022 Datacenter (21H2)");
        assertThat(info.kernelVersion()).isEqualTo("20348.2227");
        assertThat(info.schemaVersions()).containsExactly("2.1", "2.5");
        assertThat(info.services()).containsExactly(Map.entry("vmcompute", "running"), Map.entry("hns", "running"),
                Map.entry("docker", "not installed"), Map.entry("containerd", "stopped"));
    }
}
