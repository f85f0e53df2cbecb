package dev.wharf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.RunningJar;
import dev.wharf.testing.UsesHcsStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged console started on Linux with the stand-in on {@code jna.library.path}, seeded through
 * {@code WHARF_HCS_STANDIN_SEED} (read by the stand-in alone): it offers hcs, registers its own machine
 * as the local hcs host, and lists the seeded compute systems, HCN networks and service health.
 */
@UsesHcsStandIn
class HcsStandInConsoleIT {

    @Test
    void aConsoleOnTheStandInListsTheSeededSystems() throws Exception {
        Path seed = Files.createTempFile("wharf-hcs-seed-", ".json");
        Files.writeString(seed, """
                {"systems": [
                  {"Id": "5e0055c814a6005b8e57ac59f9a522066e0af12b48b3c26a9416e23907698776", "Owner": "docker", "State": "Running"},
                  {"Id": "pod-7@vm", "SystemType": "VirtualMachine", "Owner": "containerd-shim-runhcs-v1.exe",
                   "RuntimeOsType": "Linux", "State": "Running"}
                ],
                 "networks": [{"ID": "5B12A8CA-CA12-4D94-9216-A2461D4E4077", "Name": "nat",
                   "Ipams": [{"Type": "Static", "Subnets": [{"IpAddressPrefix": "172.31.176.0/20",
                     "Routes": [{"NextHop": "172.31.176.1", "DestinationPrefix": "0.0.0.0/0"}]}]}]}],
                 "services": [{"Name": "vmcompute", "State": "running"}, {"Name": "hns", "State": "running"},
                              {"Name": "docker", "State": "stopped"}]}""");
        try (RunningJar console = RunningJar.start(List.of("-Djna.library.path=" + System.getProperty("jna.library.path")),
                List.of("--wharf.admin-password=hcs-console"), Map.of("WHARF_HCS_STANDIN_SEED", seed.toString()))) {
            ApiSession api = new ApiSession(console.http(), "hcs-console");

            JsonNode hosts = ApiSession.json(api.get("/api/v1/hosts")).path("items");
            JsonNode local = hosts.valueStream().filter(h -> h.path("kind").asString().equals("hcs")).findFirst()
                    .orElseThrow(() -> new AssertionError("no hcs host registered: " + hosts + "\n" + console.log()));
            JsonNode systems = ApiSession.json(api.get("/api/v1/hosts/" + local.path("id").asString() + "/containers"))
                    .path("items");

            assertThat(systems.findValuesAsString("id")).containsExactlyInAnyOrder(
                    "5e0055c814a6005b8e57ac59f9a522066e0af12b48b3c26a9416e23907698776", "pod-7@vm");
            assertThat(systems.findValuesAsString("state")).containsOnly("running");

            JsonNode nat = ApiSession.json(api.get("/api/v1/hosts/" + local.path("id").asString() + "/switches")).path("items").get(0);
            assertThat(nat.path("name").asString()).isEqualTo("nat");
            assertThat(nat.path("type").asString()).isEqualTo("NAT");
            assertThat(nat.path("subnets").get(0).path("gateway").asString()).isEqualTo("172.31.176.1");
            JsonNode services = ApiSession.json(api.get("/api/v1/hosts/" + local.path("id").asString() + "/info")).path("services");
            assertThat(services.path("vmcompute").asString()).isEqualTo("running");
            assertThat(services.path("docker").asString()).isEqualTo("stopped");
            assertThat(services.path("containerd").asString()).isEqualTo("not installed");
        }
    }
}
