package dev.wharf.access;

import java.util.Optional;
import java.util.UUID;

/** Ids as callers type them: a malformed one is simply no id, which each caller answers as "no such …". */
final class Ids {

    private Ids() {}

    static Optional<UUID> uuid(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
