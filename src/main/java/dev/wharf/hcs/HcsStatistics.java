package dev.wharf.hcs;

import dev.wharf.engine.StatsSample;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * Reads HCS's {@code Statistics} property (schema 2): processor time in 100 ns units, memory, storage.
 * Schema 2 has no network counters (those live in HNS per endpoint), so network bytes read 0.
 */
final class HcsStatistics {

    static final String QUERY = "{\"PropertyTypes\":[\"Statistics\"]}";

    private HcsStatistics() {}

    static StatsSample sample(JsonNode properties) {
        JsonNode statistics = properties.path("Statistics");
        if (!statistics.isObject()) {
            throw new IllegalStateException("HCS answered properties without Statistics");
        }
        Instant at = time(statistics, "Timestamp");
        JsonNode memory = statistics.path("Memory");
        JsonNode storage = statistics.path("Storage");
        return new StatsSample(at != null ? at : Instant.now(), null,
                statistics.path("Processor").path("TotalRuntime100ns").asLong(0) * 100,
                memory.path("MemoryUsagePrivateWorkingSetBytes").asLong(0), null, 0, 0,
                storage.path("ReadSizeBytes").asLong(0), storage.path("WriteSizeBytes").asLong(0));
    }

    /** When the system started, from its statistics; null when HCS gave none. */
    static Instant startedAt(JsonNode properties) {
        return time(properties.path("Statistics"), "ContainerStartTime");
    }

    private static Instant time(JsonNode node, String field) {
        String text = HcsJson.text(node, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
