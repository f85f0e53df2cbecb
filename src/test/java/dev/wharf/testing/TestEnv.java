package dev.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code docker/test-env.sh} started for the tests: read from {@code .test-env/test.env}
 * ({@code KEY=VALUE} lines), overridden by environment variables of the same name.
 */
public final class TestEnv {

    public static final Path FILE = Path.of(".test-env", "test.env");
    private static final Map<String, String> FROM_FILE = read(FILE);

    private TestEnv() {}

    public static Optional<String> get(String key) {
        String fromEnvironment = System.getenv(key);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment);
        }
        return Optional.ofNullable(FROM_FILE.get(key)).filter(v -> !v.isBlank());
    }

    /** Under {@code CI=true} a missing engine, database or browser fails the build instead of skipping. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static Map<String, String> read(Path file) {
        Map<String, String> values = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
                    values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
        return values;
    }
}
