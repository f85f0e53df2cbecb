package dev.wharf.hcs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes HCS's JSON documents (queries, results, error documents). */
final class HcsJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private HcsJson() {}

    static JsonNode read(String document) {
        if (document == null || document.isBlank()) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(document);
        } catch (JacksonException e) {
            throw new IllegalStateException("HCS answered a document that is not JSON: " + e.getOriginalMessage());
        }
    }

    static String write(Map<String, ?> document) {
        return MAPPER.writeValueAsString(document);
    }

    /** A text member, or null when absent, null or not text. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    /**
     * What a {@code ResultError} document says (its message and its events' messages), or null when the
     * document is absent or says nothing.
     */
    static String errorMessage(String document) {
        JsonNode error;
        try {
            error = read(document);
        } catch (IllegalStateException notJson) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        String message = text(error, "ErrorMessage");
        if (message != null && !message.isBlank()) {
            parts.add(message.strip());
        }
        for (JsonNode event : error.path("ErrorEvents")) {
            String eventMessage = text(event, "Message");
            if (eventMessage != null && !eventMessage.isBlank() && !parts.contains(eventMessage.strip())) {
                parts.add(eventMessage.strip());
            }
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
