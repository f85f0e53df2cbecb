package dev.wharf.testing;

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
        Map<String, Object> settings = TestDatabase.freshSettings(TestDatabase.newDataDir());
        settings.remove("spring.profiles.active"); // set through @ActiveProfiles, before config files load
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("wharf-test-database", settings));
    }
}
