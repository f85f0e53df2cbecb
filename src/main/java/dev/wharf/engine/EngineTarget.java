package dev.wharf.engine;

import java.util.Objects;
import java.util.UUID;

/**
 * Where and how to reach one host's engine.
 *
 * @param tls PEM material for {@code tcp://} endpoints, null otherwise
 */
public record EngineTarget(UUID hostId, String kind, String endpoint, TlsMaterial tls) {

    public EngineTarget {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
    }

    /** Client-side TLS material as PEM text. The private key never appears in {@link #toString()}. */
    public record TlsMaterial(String caPem, String certPem, String keyPem) {
        @Override
        public String toString() {
            return "TlsMaterial[ca=" + (caPem != null) + ", cert=" + (certPem != null) + ", key=<redacted>]";
        }
    }
}
