package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SecretBoxTests {

    private static final String KEY_PEM = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----";
    private final SecretBox box = new SecretBox(randomKey());

    @Test
    void opensWhatItSealed() {
        assertThat(box.open(box.seal(KEY_PEM, "host-1"), "host-1")).isEqualTo(KEY_PEM);
    }

    @Test
    void theSealedFormShowsNothingOfThePlaintext() {
        String sealed = box.seal(KEY_PEM, "host-1");

        assertThat(sealed).doesNotContain("MIGHAgEA", "PRIVATE");
        assertThat(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("MIGHAgEA", "PRIVATE");
        assertThat(box.seal(KEY_PEM, "host-1")).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anyFlippedByteFailsToOpen() {
        byte[] sealed = Base64.getDecoder().decode(box.seal(KEY_PEM, "host-1"));
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            String encoded = Base64.getEncoder().encodeToString(tampered);
            assertThatThrownBy(() -> box.open(encoded, "host-1")).as("byte %d", i).isInstanceOf(SecretBox.Unreadable.class);
        }
    }

    @Test
    void doesNotOpenForAnotherHostOrUnderAnotherKey() {
        String sealed = box.seal(KEY_PEM, "host-1");

        assertThatThrownBy(() -> box.open(sealed, "host-2")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> new SecretBox(randomKey()).open(sealed, "host-1"))
                .isInstanceOf(SecretBox.Unreadable.class)
                .hasMessageNotContaining("MIGHAgEA");
    }

    @Test
    void garbageIsUnreadableNotACrash() {
        assertThatThrownBy(() -> box.open("not base64 !", "host-1")).isInstanceOf(SecretBox.Unreadable.class);
        assertThatThrownBy(() -> box.open("AQ==", "host-1")).isInstanceOf(SecretBox.Unreadable.class);
    }

    private static SecretKeySpec randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }
}
