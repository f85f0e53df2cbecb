package dev.wharf.hosts;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Embedded;

/**
 * A registered host as stored. {@code tlsKeySealed} is the client key encrypted by {@link SecretBox};
 * the plain key exists only in memory, when an engine connects.
 */
record Host(@Id UUID id, String name, String groupName, String kind, String endpoint, String tlsCa, String tlsCert,
        String tlsKeySealed, String tlsSubject, Instant tlsExpiresAt, Instant createdAt, Instant updatedAt,
        @Embedded.Empty(prefix = "policy_") StoredPolicy policy) {

    boolean hasTls() {
        return tlsCert != null;
    }

    RegisteredHost view() {
        return new RegisteredHost(id, name, groupName, HostKind.parse(kind).orElseThrow(), endpoint, tlsSubject,
                tlsExpiresAt, policy.policy());
    }

    /** The same host with another policy; the endpoint and TLS material stay as they are. */
    Host withPolicy(HostPolicy changed, Instant now) {
        return new Host(id, name, groupName, kind, endpoint, tlsCa, tlsCert, tlsKeySealed, tlsSubject, tlsExpiresAt,
                createdAt, now, StoredPolicy.of(changed));
    }

    /**
     * {@link HostPolicy} in the {@code policy_*} columns. Lists are kept one entry a line: prefixes and
     * capability names never hold a line break (the rules refuse control characters).
     */
    record StoredPolicy(boolean allowPrivileged, String allowHostMounts, String allowCapabilities, boolean allowDevices,
            boolean allowHostNamespaces) {

        static StoredPolicy of(HostPolicy policy) {
            return new StoredPolicy(policy.allowPrivileged(), String.join("\n", policy.allowHostMounts()),
                    String.join("\n", policy.allowCapabilities()), policy.allowDevices(), policy.allowHostNamespaces());
        }

        HostPolicy policy() {
            return new HostPolicy(allowPrivileged, lines(allowHostMounts), lines(allowCapabilities), allowDevices,
                    allowHostNamespaces);
        }

        private static List<String> lines(String stored) {
            return stored == null ? List.of() : Arrays.stream(stored.split("\n")).filter(line -> !line.isEmpty()).toList();
        }
    }

    @Override
    public String toString() {
        return "Host[" + id + ", " + name + ", " + kind + " " + endpoint + "]";
    }
}
