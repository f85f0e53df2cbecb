package dev.wharf.access;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets for tokens and generated passwords. */
final class RandomSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomSecrets() {}

    /** {@code bytes} random bytes as unpadded base64url text. */
    static String base64Url(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
