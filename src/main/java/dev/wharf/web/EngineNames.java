package dev.wharf.web;

/**
 * The names engines accept for containers, networks and volumes (Docker's own rule), for request
 * validation: {@code @Pattern(regexp = EngineNames.PATTERN, message = EngineNames.MESSAGE)}.
 */
public final class EngineNames {

    public static final String PATTERN = "[a-zA-Z0-9][a-zA-Z0-9_.-]*";
    public static final String MESSAGE = "must start with a letter or digit and hold only letters, digits, '_', '.' and '-'";

    private EngineNames() {}
}
