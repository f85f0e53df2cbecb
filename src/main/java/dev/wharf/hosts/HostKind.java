package dev.wharf.hosts;

import java.util.Locale;
import java.util.Optional;

/** How the console drives a host: the Docker Engine API, or HCS/HCN on the Windows host it runs on. */
public enum HostKind {
    DOCKER, HCS;

    /** The name stored and shown in the API: {@code docker}, {@code hcs}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<HostKind> parse(String value) {
        for (HostKind kind : values()) {
            if (kind.apiName().equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
