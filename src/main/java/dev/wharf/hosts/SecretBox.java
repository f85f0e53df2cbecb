package dev.wharf.hosts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets with AES-256-GCM. Each value gets a fresh 96-bit nonce and is bound to a context (the
 * host id), so a sealed key copied onto another host's row does not open. Any changed byte fails the
 * GCM tag check. Stored form: base64 of {@code version | nonce | ciphertext+tag}.
 */
final class SecretBox {

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    SecretBox(SecretKey key) {
        this.key = key;
    }

    String seal(String plaintext, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, context);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length)
                    .put(VERSION).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** @throws Unreadable when the value was changed, or sealed under another key or context */
    String open(String sealed, String context) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
            if (buffer.get() != VERSION) {
                throw new Unreadable("unknown format");
            }
            byte[] nonce = new byte[NONCE_BYTES];
            buffer.get(nonce);
            byte[] body = new byte[buffer.remaining()];
            buffer.get(body);
            return new String(cipher(Cipher.DECRYPT_MODE, nonce, context).doFinal(body), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            throw new Unreadable("it was changed, or sealed under another key");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** A sealed value that cannot be opened; its message never holds key material. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String why) {
            super("Cannot decrypt the stored secret: " + why);
        }
    }
}
