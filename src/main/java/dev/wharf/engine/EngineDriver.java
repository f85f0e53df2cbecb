package dev.wharf.engine;

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

    ContainerEngine open(EngineTarget target);

    record Availability(boolean available, String reason) {
        public static Availability yes() {
            return new Availability(true, null);
        }

        public static Availability no(String reason) {
            return new Availability(false, reason);
        }
    }
}
