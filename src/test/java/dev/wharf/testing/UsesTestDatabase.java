package dev.wharf.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * A Spring test that stores data. It runs on H2 in the normal test run and again on PostgreSQL in
 * the build's {@code postgresql} execution (tag {@code database}), each context on a fresh database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("database")
@ExtendWith(TestDatabaseCondition.class)
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@ActiveProfiles(resolver = TestDatabaseProfiles.class)
public @interface UsesTestDatabase {}
