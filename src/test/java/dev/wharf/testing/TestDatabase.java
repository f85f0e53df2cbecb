package dev.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Which database the Spring tests of this run use: H2 (the embedded default) unless the system
 * property {@code wharf.test.database} says {@code postgresql}. The Maven build runs the
 * database-tagged tests a second time on PostgreSQL, whose server {@code docker/test-env.sh} starts.
 */
public final class TestDatabase {

    public static final String PROPERTY = "wharf.test.database";

    private TestDatabase() {}

    public static boolean postgres() {
        return "postgresql".equals(System.getProperty(PROPERTY, "h2").toLowerCase(Locale.ROOT));
    }

    /** Connection settings of the test PostgreSQL server, from the environment or the test env file. */
    public record PostgresServer(String url, String username, String password) {

        static Optional<PostgresServer> configured() {
            return TestEnv.get("WHARF_TEST_POSTGRES_URL").map(url -> new PostgresServer(url,
                    TestEnv.get("WHARF_TEST_POSTGRES_USER").orElse("wharf"),
                    TestEnv.get("WHARF_TEST_POSTGRES_PASSWORD").orElse("")));
        }

        /** Why the server cannot be used, or empty when it answers. */
        Optional<String> problem() {
            try (Connection ignored = DriverManager.getConnection(url + "postgres", username, password)) {
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("PostgreSQL at " + url + " does not answer: " + e.getMessage());
            }
        }

        /** A new, empty database, so every Spring context migrates from scratch. */
        String createDatabase() {
            String name = "wharf_test_" + UUID.randomUUID().toString().replace("-", "");
            try (Connection admin = DriverManager.getConnection(url + "postgres", username, password);
                    Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create test database on " + url, e);
            }
            return url + name;
        }
    }

    /**
     * Settings for one application run on a fresh database of this run's kind, with {@code dataDir} as
     * its data directory, as an operator would set them.
     */
    public static java.util.Map<String, Object> freshSettings(Path dataDir) {
        java.util.Map<String, Object> properties = new java.util.HashMap<>();
        properties.put("wharf.data-dir", dataDir.toString());
        if (postgres()) {
            PostgresServer server = PostgresServer.configured()
                    .orElseThrow(() -> new IllegalStateException("No test PostgreSQL configured"));
            properties.put("spring.profiles.active", "postgres");
            properties.put("spring.datasource.url", server.createDatabase());
            properties.put("spring.datasource.username", server.username());
            properties.put("spring.datasource.password", server.password());
            // Spring keeps up to 32 test contexts alive, each with its own pool: ten connections each would
            // outgrow the server's max_connections (200) once enough test classes have run
            properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        }
        return properties;
    }

    public static Path newDataDir() {
        try {
            return Files.createTempDirectory("wharf-test-data-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
