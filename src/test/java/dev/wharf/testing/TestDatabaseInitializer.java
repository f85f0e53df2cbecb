package dev.wharf.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives each test application context its own data directory and its own empty database, H2 or
 * PostgreSQL, set the way an operator would set them ({@code wharf.data-dir}, {@code spring.datasource.*}).
 */
class TestDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Path dataDir = TestDatabase.newDataDir();
        Map<String, Object> properties = new HashMap<>();
        properties.put("wharf.data-dir", dataDir.toString());
        if (TestDatabase.postgres()) {
            TestDatabase.PostgresServer server = TestDatabase.PostgresServer.configured()
                    .orElseThrow(() -> new IllegalStateException("No test PostgreSQL configured"));
            properties.put("spring.datasource.url", server.createDatabase());
            properties.put("spring.datasource.username", server.username());
            properties.put("spring.datasource.password", server.password());
        }
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("wharf-test-database", properties));
    }
}
