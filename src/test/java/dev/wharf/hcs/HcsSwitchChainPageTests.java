package dev.wharf.hcs;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesHcsStandIn;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An hcs host's switch page on the stand-in: the chain from the switch (an HCN network) through its endpoint
 * (seeded with an address and a MAC in a namespace) to the compute system, linked to that system's page.
 */
@UsesHcsStandIn
@UsesTestDatabase
@ExtendWith(StandIn.LeakCheck.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-password=hcs-chain", "wharf.hcs.operation-timeout=500ms", "wharf.hcs.poll-interval=200ms"})
class HcsSwitchChainPageTests {

    static final String NETWORK = "5B12A8CA-CA12-4D94-9216-A2461D4E4077";

    @LocalServerPort
    int port;

    private ApiSession api;
    private String hostId;

    @BeforeEach
    void anHcsHostWithANetwork() {
        StandIn.control().WharfStandinReset();
        assertThat(StandIn.control().WharfStandinSeed("""
                {"networks": [{"ID": "%s", "Name": "nat", "Type": "NAT",
                   "Ipams": [{"Type": "Static", "Subnets": [{"IpAddressPrefix": "172.31.176.0/20",
                     "Routes": [{"NextHop": "172.31.176.1", "DestinationPrefix": "0.0.0.0/0"}]}]}]}]}""".formatted(NETWORK))).isZero();
        StandIn.attach("web-1", NETWORK, "172.31.176.9");
        api = new ApiSession(port, "hcs-chain");
        HttpResponse<String> registered = api.post("/api/v1/hosts", Map.of("name", "windows-" + UUID.randomUUID().toString().substring(0, 6),
                "kind", "hcs", "endpoint", "local"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        hostId = json(registered).path("id").asString();
    }

    @AfterEach
    void removeIt() {
        assertThat(api.delete("/api/v1/hosts/" + hostId).statusCode()).isEqualTo(204);
        StandIn.control().WharfStandinReset();
    }

    @Test
    void theSwitchPageShowsSwitchNetworkEndpointAndComputeSystem() {
        Http browser = new Http(port);
        browser.signIn("admin", "hcs-chain");
        String endpoint = json(api.get("/api/v1/hosts/" + hostId + "/switches/nat")).path("attached").get(0).path("endpointId").asString();

        String page = browser.get("/hosts/" + hostId + "/switches/nat").body();

        assertThat(page).contains("switch → network → endpoint → compute system", NETWORK.toLowerCase(java.util.Locale.ROOT), endpoint, "172.31.176.9",
                "00-15-5D-52-C0-17", "href=\"/hosts/" + hostId + "/containers/web-1\"", "HCN type")
                .doesNotContain("/connect", "Disconnect");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(browser.get("/hosts/" + hostId + "/switches").body())
                .contains("nat", "172.31.176.0/20", "(172.31.176.1)", "172.31.176.9"));
        assertThat(browser.get("/switches?kind=hcs").body()).contains("<code>hcs</code>", "nat");
        assertThat(browser.get("/hosts/" + hostId + "/volumes").body()).contains("Volumes are not managed through HCS");
    }
}
