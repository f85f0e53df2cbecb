package dev.wharf.engine;

import java.util.Locale;

/** A container's state, with the same names on every host kind and in the API. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, EXITED, DEAD, UNKNOWN;

    /** The API's name: {@code running}, {@code exited}, ... */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads an engine's state word; anything unexpected is {@link #UNKNOWN}, never an error. */
    public static ContainerState parse(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        String word = value.trim().toUpperCase(Locale.ROOT);
        for (ContainerState state : values()) {
            if (state.name().equals(word)) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
