package dev.wharf.access;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A user or a team holds a role at a scope. Permissions only add up: whatever no binding grants is denied. */
public record Binding(UUID id, Subject subject, String role, Scope scope, Instant createdAt, String createdBy) {

    /** Who holds it. */
    public record Subject(Type type, UUID id) {

        public enum Type {
            USER, TEAM;

            public String apiName() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public static Subject user(UUID id) {
            return new Subject(Type.USER, id);
        }

        public static Subject team(UUID id) {
            return new Subject(Type.TEAM, id);
        }
    }
}
