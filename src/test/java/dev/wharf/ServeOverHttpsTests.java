package dev.wharf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's HTTPS recipe, as written: PEM files given to {@code server.ssl.certificate} and
 * {@code server.ssl.certificate-private-key}. The certificate is made with openssl, as an operator would.
 */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=https-tests")
class ServeOverHttpsTests {

    private static final Path DIR = tempDir();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        makeCertificate();
        registry.add("server.ssl.certificate", () -> "file:" + DIR.resolve("console.crt"));
        registry.add("server.ssl.certificate-private-key", () -> "file:" + DIR.resolve("console.key"));
    }

    @Test
    void theConsoleAnswersOverTlsWithTheGivenCertificate() throws Exception {
        Http https = new Http("https://localhost:" + port, HttpClient.newBuilder().sslContext(trusting(DIR.resolve("console.crt"))));

        var health = https.get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(health.sslSession()).isPresent();
        assertThat(health.sslSession().get().getPeerPrincipal().getName()).contains("CN=localhost");
    }

    private static void makeCertificate() throws IOException, InterruptedException {
        if (Files.exists(DIR.resolve("console.crt"))) {
            return;
        }
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", DIR.resolve("console.key").toString(), "-out", DIR.resolve("console.crt").toString())
                .redirectErrorStream(true).redirectOutput(DIR.resolve("openssl.log").toFile()).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
            throw new IllegalStateException("openssl failed: " + Files.readString(DIR.resolve("openssl.log")));
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("wharf-https-test-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
