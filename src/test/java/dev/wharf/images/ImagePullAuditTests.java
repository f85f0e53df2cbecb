package dev.wharf.images;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A pull ends after its request, on another thread; its audit entry still says who asked, with which token, from where. */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=pull-audit")
class ImagePullAuditTests {

    @LocalServerPort
    int port;

    @Autowired
    AuditTrail audit;

    @Test
    void aPullThatEndsLaterIsRecordedWithTheCallersTokenAndAddress() throws Exception {
        ApiSession api = new ApiSession(port, "pull-audit");
        String host = json(api.post("/api/v1/hosts", Map.of("name", "pull-audit", "kind", "docker", "endpoint", TestEngines.unix())))
                .path("id").asString();
        String reference = TestEngines.registry() + "/wharf/never-pushed-" + UUID.randomUUID().toString().substring(0, 8) + ":none";

        HttpResponse<String> started = api.post("/api/v1/hosts/" + host + "/images/pull", Map.of("reference", reference));

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        AuditTrail.RecordedEntry ended = await().atMost(Duration.ofSeconds(60)).until(() -> audit.latest(50).stream()
                .filter(e -> e.entry().action().equals("image.pull") && reference.equals(e.entry().resource())).findFirst().orElse(null),
                e -> e != null);
        assertThat(ended.entry().outcome()).isEqualTo(AuditEntry.Outcome.FAILURE);
        assertThat(ended.entry().actor()).isEqualTo("admin");
        assertThat(ended.entry().tokenId()).isNotNull();
        assertThat(ended.entry().hostId()).hasToString(host);
        assertThat(ended.clientAddress()).isNotNull();
        assertThat(InetAddress.getByName(ended.clientAddress()).isLoopbackAddress()).as(ended.clientAddress()).isTrue();
        api.delete("/api/v1/hosts/" + host);
    }
}
