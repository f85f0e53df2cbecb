package dev.wharf.engine;

import java.util.Optional;

/**
 * Opens engines of one host kind ({@code docker}, {@code hcs}). Implemented by each adapter and found
 * by Spring; nothing outside the adapter names the implementation.
 */
public interface EngineDriver {

    /** The host kind this driver serves, as stored with the host. */
    String kind();

    /**
     * Whether this kind can run here at all (HCS needs Windows Server 2019 / Windows 10 1809 or
     * later). Must not load native code before it is asked.
     */
    Availability availability();

    /** An engine for the host; connects lazily, so opening never blocks on the network. */
    ContainerEngine open(EngineTarget target);

    /** Connects once with the given material and reports what answered, or why nothing did. */
    default ConnectionCheck check(EngineTarget target) {
        try (ContainerEngine engine = open(target)) {
            HostInfo info = engine.info();
            return ConnectionCheck.ok(info.engineVersion(), info.apiVersion(), info.os());
        } catch (EngineException e) {
            return ConnectionCheck.failed(e.getMessage());
        } catch (RuntimeException e) {
            return ConnectionCheck.failed("Cannot connect to " + target.endpoint() + ": " + e.getMessage());
        }
    }

    /**
     * Why the engine is open to anyone who can reach it (it accepts a TLS client without a
     * certificate), or empty when it refuses such a client or cannot be asked.
     */
    default Optional<String> openToAnyone(EngineTarget target) {
        return Optional.empty();
    }

    /** What a connection test found. */
    record ConnectionCheck(boolean ok, String engineVersion, String apiVersion, String os, String error) {
        public static ConnectionCheck ok(String engineVersion, String apiVersion, String os) {
            return new ConnectionCheck(true, engineVersion, apiVersion, os, null);
        }

        public static ConnectionCheck failed(String error) {
            return new ConnectionCheck(false, null, null, null, error);
        }
    }

    record Availability(boolean available, String reason) {
        public static Availability yes() {
            return new Availability(true, null);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
