package org.civicflow;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The second shared application context: the same as {@link CivicflowTest} (profile {@code test}, random port, job
 * executor off) but on PostgreSQL — one embedded PostgreSQL per test JVM ({@link TestPostgres}), migrated by Flyway and
 * Camunda's schema update like a production database. A PostgreSQL variant of a test class is a subclass carrying this
 * annotation: {@code @CivicflowPostgresTest class PostgresCaseWalkThroughTests extends CaseWalkThroughTests {}}.
 *
 * <p>Tagged {@code postgres}: these classes run in a JVM of their own (surefire execution {@code postgres-tests} in the
 * pom), because Camunda's REST API and webapps find the engine in a JVM-wide registry by name, so the H2 and the
 * PostgreSQL contexts must not share a JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.database.type=postgres")
@ActiveProfiles("test")
@Tag("postgres")
@ContextConfiguration(initializers = TestPostgres.Initializer.class)
public @interface CivicflowPostgresTest {
}
