package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.WharfApplication;
import dev.wharf.testing.TestDatabase;
import dev.wharf.testing.TestPki;
import dev.wharf.testing.UsesTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The key that seals TLS keys, across restarts: the same key opens what it sealed, a wrong key stops
 * the console at start (changing nothing), and a tampered value fails loudly instead of connecting with
 * garbage.
 */
@UsesTestDatabase
class SecretKeyStartupTests {

    private static final TestPki.Issued CA = TestPki.ca("CN=Startup CA");
    private static final TestPki.Issued CLIENT = TestPki.issue(CA, "CN=startup-client");

    @Test
    void aRestartWithTheSameKeyOpensTheStoredKeyAndAWrongKeyStopsTheStart() {
        Path dataDir = TestDatabase.newDataDir();
        Map<String, Object> settings = TestDatabase.freshSettings(dataDir);
        String key = randomKey();
        UUID hostId;
        try (ConfigurableApplicationContext first = start(settings, key)) {
            hostId = register(first);
        }

        assertThatThrownBy(() -> start(settings, randomKey()).close())
                .rootCause().hasMessageContaining("is not the key this database's TLS keys were sealed with");

        try (ConfigurableApplicationContext again = start(settings, key)) {
            assertThat(again.getBean(HostRegistry.class).target(hostId).tls().keyPem()).isEqualTo(CLIENT.keyPem().strip());
        }
    }

    @Test
    void withoutWharfSecretKeyAKeyFileIsMadeOwnerOnlyAndUsedAgain() throws Exception {
        Path dataDir = TestDatabase.newDataDir();
        Map<String, Object> settings = TestDatabase.freshSettings(dataDir);
        UUID hostId;
        try (ConfigurableApplicationContext first = start(settings, null)) {
            hostId = register(first);
        }
        Path keyFile = dataDir.resolve(SecretKeys.KEY_FILE);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).hasSize(32);
        try (ConfigurableApplicationContext again = start(settings, null)) {
            assertThat(again.getBean(HostRegistry.class).target(hostId).tls()).isNotNull();
        }
    }

    @Test
    void aMalformedKeyIsRefusedWithHowToMakeOne() {
        Map<String, Object> settings = TestDatabase.freshSettings(TestDatabase.newDataDir());

        assertThatThrownBy(() -> start(settings, "c2hvcnQ=").close())
                .rootCause().hasMessageContaining("must be 32 bytes").hasMessageContaining("openssl rand -base64 32");
    }

    @Test
    void aFlippedByteInTheDatabaseFailsDecryptionLoudly() {
        Map<String, Object> settings = TestDatabase.freshSettings(TestDatabase.newDataDir());
        try (ConfigurableApplicationContext context = start(settings, randomKey())) {
            UUID hostId = register(context);
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            String sealed = jdbc.sql("SELECT tls_key_sealed FROM host WHERE id = :id").param("id", hostId)
                    .query(String.class).single();
            byte[] bytes = Base64.getDecoder().decode(sealed);
            bytes[bytes.length / 2] ^= 0x01;
            jdbc.sql("UPDATE host SET tls_key_sealed = :sealed WHERE id = :id")
                    .param("sealed", Base64.getEncoder().encodeToString(bytes)).param("id", hostId).update();

            assertThatThrownBy(() -> context.getBean(HostRegistry.class).target(hostId))
                    .hasMessageContaining("cannot be decrypted")
                    .hasMessageNotContaining(CLIENT.keyPem().lines().skip(1).findFirst().orElseThrow());
        }
    }

    private static UUID register(ConfigurableApplicationContext context) {
        return context.getBean(HostRegistry.class).register(new HostRegistration("tls-host", null, "docker",
                "tcp://127.0.0.1:2376", new HostRegistration.TlsPems(CA.certPem(), CLIENT.certPem(), CLIENT.keyPem()))).id();
    }

    private static ConfigurableApplicationContext start(Map<String, Object> settings, String secretKey) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("wharf.admin-password", "startup-tests");
        if (secretKey != null) {
            properties.put("wharf.secret-key", secretKey);
        }
        properties.put("server.port", "0");
        // as command-line arguments: they override application.properties, as an operator's settings do
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(WharfApplication.class).run(args);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
