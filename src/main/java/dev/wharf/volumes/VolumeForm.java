package dev.wharf.volumes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The create form as typed. Unlike the API, the page asks for a name: a volume the engine names is a hash
 * nobody finds again in a list.
 */
record VolumeForm(String name, String driver, String labels) {

    static VolumeForm empty() {
        return new VolumeForm("", "local", "");
    }

    /** The API's body for this form, or the reason (by field) it cannot be one. */
    record Parsed(VolumeApiController.CreateVolume request, Map<String, String> errors) {}

    Parsed request() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "must not be blank: give the volume a name to find it by");
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        int line = 0;
        for (String entry : (labels == null ? "" : labels).split("\\R")) {
            line++;
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                errors.merge("labels", "line " + line + ": write key=value", (a, b) -> a + "; " + b);
                continue;
            }
            parsed.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        String driver = this.driver == null || this.driver.isBlank() ? "local" : this.driver.strip();
        return new Parsed(new VolumeApiController.CreateVolume(name == null ? null : name.strip(), driver, parsed, Map.of()), errors);
    }
}
