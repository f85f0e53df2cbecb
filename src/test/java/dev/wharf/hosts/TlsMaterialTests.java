package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.testing.TestPki;
import dev.wharf.web.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;

class TlsMaterialTests {

    private static final TestPki.Issued CA = TestPki.ca("CN=Test CA");
    private static final TestPki.Issued CLIENT = TestPki.issue(CA, "CN=wharf-client,O=Wharf");
    private final Instant now = Instant.now();

    @Test
    void acceptsMatchingMaterialAndReadsSubjectAndExpiry() {
        TlsMaterial tls = TlsMaterial.check(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), CLIENT.keyPem()), now);

        assertThat(tls.subject()).isEqualTo(CLIENT.certificate().getSubjectX500Principal().getName()).contains("CN=wharf-client");
        assertThat(tls.expiresAt()).isEqualTo(CLIENT.certificate().getNotAfter().toInstant());
        assertThat(tls.toString()).doesNotContain(CLIENT.keyPem().lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void acceptsTheKeyFormatsOpensslWrites() {
        TestPki.Issued rsa = TestPki.issue(CA, "CN=rsa-client", "RSA", now.minusSeconds(60), now.plus(Duration.ofDays(1)));

        assertThat(rsa.traditionalKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(TlsMaterial.check(new HostRegistration.TlsPems(CA.certPem(), rsa.certPem(), rsa.traditionalKeyPem()), now).subject())
                .contains("CN=rsa-client");
        assertThat(CLIENT.traditionalKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(TlsMaterial.check(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), CLIENT.traditionalKeyPem()), now))
                .isNotNull();
    }

    @Test
    void refusesAKeyThatBelongsToAnotherCertificate() {
        TestPki.Issued other = TestPki.issue(CA, "CN=someone-else");

        assertRefused(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), other.keyPem()), "tls.key", "does not match");
    }

    @Test
    void refusesAnRsaKeyForAnEcCertificate() {
        TestPki.Issued rsa = TestPki.issue(CA, "CN=rsa", "RSA", now.minusSeconds(60), now.plus(Duration.ofDays(1)));

        assertRefused(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), rsa.keyPem()), "tls.key", "does not match");
    }

    @Test
    void refusesExpiredAndNotYetValidCertificates() {
        TestPki.Issued expired = TestPki.issue(CA, "CN=old", "EC", now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        TestPki.Issued future = TestPki.issue(CA, "CN=new", "EC", now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));

        assertRefused(new HostRegistration.TlsPems(CA.certPem(), expired.certPem(), expired.keyPem()), "tls.cert", "expired on");
        assertRefused(new HostRegistration.TlsPems(CA.certPem(), future.certPem(), future.keyPem()), "tls.cert", "not valid before");
        assertRefused(new HostRegistration.TlsPems(expired.certPem(), CLIENT.certPem(), CLIENT.keyPem()), "tls.ca", "expired on");
    }

    @Test
    void refusesMalformedPem() {
        String broken = CLIENT.certPem().replace("MII", "M!I");
        assertRefused(new HostRegistration.TlsPems(CA.certPem(), broken, CLIENT.keyPem()), "tls.cert", "not valid PEM");
        assertRefused(new HostRegistration.TlsPems("just some text", CLIENT.certPem(), CLIENT.keyPem()), "tls.ca", "no -----BEGIN");
        assertRefused(new HostRegistration.TlsPems(CA.certPem(), CLIENT.keyPem(), CLIENT.keyPem()), "tls.cert", "only certificates");
        assertRefused(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), CLIENT.certPem()), "tls.key", "PEM private key");
    }

    @Test
    void refusesAnEncryptedKeyAndSaysWhatToDo() throws Exception {
        var out = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(CLIENT.privateKey(), new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(new BouncyCastleProvider()).build("secret".toCharArray()));
        }

        assertRefused(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), out.toString()), "tls.key", "encrypted");
    }

    @Test
    void eachPartIsRequired() {
        assertRefused(new HostRegistration.TlsPems(null, CLIENT.certPem(), CLIENT.keyPem()), "tls.ca", "required");
        assertRefused(new HostRegistration.TlsPems(CA.certPem(), " ", CLIENT.keyPem()), "tls.cert", "required");
        assertRefused(new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), ""), "tls.key", "required");
    }

    private void assertRefused(HostRegistration.TlsPems pems, String field, String message) {
        assertThatThrownBy(() -> TlsMaterial.check(pems, now))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }
}
