package dev.wharf.hosts;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;

/**
 * A registered host as stored. {@code tlsKeySealed} is the client key encrypted by {@link SecretBox};
 * the plain key exists only in memory, when an engine connects.
 */
record Host(@Id UUID id, String name, String groupName, String kind, String endpoint, String tlsCa, String tlsCert,
        String tlsKeySealed, String tlsSubject, Instant tlsExpiresAt, Instant createdAt, Instant updatedAt) {

    boolean hasTls() {
        return tlsCert != null;
    }

    RegisteredHost view() {
        return new RegisteredHost(id, name, groupName, HostKind.parse(kind).orElseThrow(), endpoint, tlsSubject,
                tlsExpiresAt);
    }

    @Override
    public String toString() {
        return "Host[" + id + ", " + name + ", " + kind + " " + endpoint + "]";
    }
}
