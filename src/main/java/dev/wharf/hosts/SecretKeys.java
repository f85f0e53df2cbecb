package dev.wharf.hosts;

import dev.wharf.WharfProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where the key that seals TLS private keys comes from: {@code WHARF_SECRET_KEY} (base64 of 32 bytes),
 * else {@code <data-dir>/secret.key}, generated on first start with mode 0600. The key is never stored
 * in the database; the database keeps one value sealed under it, so a start with the wrong key fails
 * at once instead of on the first connection to a TLS host.
 */
@Configuration
class SecretKeys {

    static final String KEY_FILE = "secret.key";
    private static final String CHECK_CONTEXT = "wharf-secret-key-check";
    private static final String CHECK_PLAINTEXT = "wharf";
    private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

    @Bean
    SecretBox secretBox(WharfProperties properties, JdbcClient jdbc) {
        String configured = properties.secretKey();
        boolean fromEnvironment = configured != null && !configured.isBlank();
        Path file = properties.dataDir().resolve(KEY_FILE);
        String source = fromEnvironment ? "WHARF_SECRET_KEY" : file.toAbsolutePath().normalize().toString();
        SecretBox box = new SecretBox(fromEnvironment ? decode(configured, source) : fromFile(file));
        verify(box, jdbc, source);
        return box;
    }

    private static void verify(SecretBox box, JdbcClient jdbc, String source) {
        var stored = jdbc.sql("SELECT sealed FROM secret_key_check WHERE id = 1").query(String.class).optional();
        if (stored.isEmpty()) {
            try {
                jdbc.sql("INSERT INTO secret_key_check (id, sealed) VALUES (1, :sealed)")
                        .param("sealed", box.seal(CHECK_PLAINTEXT, CHECK_CONTEXT)).update();
                return;
            } catch (DuplicateKeyException raced) {
                // another replica sharing the database stored its check first: verify against that one
                stored = jdbc.sql("SELECT sealed FROM secret_key_check WHERE id = 1").query(String.class).optional();
            }
        }
        try {
            box.open(stored.get(), CHECK_CONTEXT);
        } catch (SecretBox.Unreadable e) {
            throw new IllegalStateException("The secret key from " + source + " is not the key this database's TLS keys "
                    + "were sealed with. Start with the original key (WHARF_SECRET_KEY or " + KEY_FILE + " in the data "
                    + "directory); nothing was changed.");
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The secret key from " + source + " is not base64; make one with: openssl rand -base64 32");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("The secret key from " + source + " must be 32 bytes (base64 of 32 random bytes), not "
                    + bytes.length + "; make one with: openssl rand -base64 32");
        }
        return new SecretKeySpec(bytes, "AES");
    }

    private static SecretKey fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + System.lineSeparator(), StandardCharsets.US_ASCII);
            log.warn("Generated the key that seals TLS private keys: {}. Back it up apart from the database; "
                    + "without it the stored TLS keys cannot be read.", file.toAbsolutePath().normalize());
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }
}
