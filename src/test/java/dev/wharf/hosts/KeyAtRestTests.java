package dev.wharf.hosts;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.WharfProperties;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestDatabase;
import dev.wharf.testing.TestPki;
import dev.wharf.testing.UsesTestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A registered host's private key is nowhere in readable form: not in the database (its tables, and on
 * H2 the database file itself), not in any API answer, not in the audit trail, not in the log.
 */
@UsesTestDatabase
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=key-at-rest")
class KeyAtRestTests {

    static final TestPki.Issued CA = TestPki.ca("CN=Rest CA");
    static final TestPki.Issued CLIENT = TestPki.issue(CA, "CN=rest-client");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WharfProperties properties;

    @Autowired
    HostRegistry registry;

    @Test
    void thePrivateKeyIsUnreadableEverywhereButInTheEngineConnection(CapturedOutput output) throws IOException {
        ApiSession api = new ApiSession(port, "key-at-rest");
        Map<String, Object> body = Map.of("name", "secret-keeper", "kind", "docker", "endpoint", "tcp://127.0.0.1:2376",
                "tls", Map.of("ca", CA.certPem(), "cert", CLIENT.certPem(), "key", CLIENT.keyPem()));
        List<String> answers = new ArrayList<>();
        var created = api.post("/api/v1/hosts", body);
        answers.add(created.body());
        String id = json(created).path("id").asString();
        answers.add(expect(200, api.get("/api/v1/hosts/" + id)));
        answers.add(expect(200, api.get("/api/v1/hosts")));
        answers.add(expect(200, api.put("/api/v1/hosts/" + id, body)));
        answers.add(expect(409, api.post("/api/v1/hosts", body))); // refused as a duplicate: the refusal must not echo it
        List<String> keyForms = keyForms();

        assertThat(created.statusCode()).isEqualTo(201);
        answers.forEach(answer -> assertThat(answer).doesNotContain(keyForms));
        assertThat(tableText("host")).doesNotContain(keyForms).contains(pemLines(CLIENT.certPem()).get(1));
        assertThat(tableText("audit_event")).doesNotContain(keyForms).contains("secret-keeper");
        assertThat(output.getAll()).doesNotContain(keyForms);
        assertThat(registry.target(java.util.UUID.fromString(id)).tls().keyPem()).isEqualTo(CLIENT.keyPem().strip());

        if (!TestDatabase.postgres()) {
            jdbc.sql("CHECKPOINT SYNC").update();
            String file = new String(Files.readAllBytes(properties.dataDir().resolve("wharf.mv.db")), StandardCharsets.ISO_8859_1);
            assertThat(file).as("the scan sees stored text: the certificate, kept in clear, is found")
                    .contains(pemLines(CLIENT.certPem()).get(1));
            assertThat(file).doesNotContain(keyForms);
            assertThat(file).doesNotContain(new String(CLIENT.privateKey().getEncoded(), StandardCharsets.ISO_8859_1));
        }
    }

    private static String expect(int status, java.net.http.HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return answer.body();
    }

    /** The key as PEM lines, one base64 string, base64url, and hex in both cases. */
    private static List<String> keyForms() {
        byte[] der = CLIENT.privateKey().getEncoded();
        List<String> forms = new ArrayList<>(pemLines(CLIENT.keyPem()).subList(1, pemLines(CLIENT.keyPem()).size() - 1));
        forms.add(Base64.getEncoder().encodeToString(der).substring(8, 48));
        forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(der).substring(8, 48));
        String hex = HexFormat.of().formatHex(der);
        forms.add(hex.substring(16, 80));
        forms.add(hex.substring(16, 80).toUpperCase(Locale.ROOT));
        return forms;
    }

    private static List<String> pemLines(String pem) {
        return pem.strip().lines().toList();
    }

    private String tableText(String table) {
        return jdbc.sql("SELECT * FROM " + table).query().listOfRows().toString();
    }
}
