package dev.wharf.testing;

import org.springframework.test.context.ActiveProfilesResolver;

/** Activates the {@code postgres} profile when the tests run on PostgreSQL, as production would. */
class TestDatabaseProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return TestDatabase.postgres() ? new String[] {"postgres"} : new String[0];
    }
}
