package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated method once per engine, each invocation shown as {@code [h2]},
 * {@code [postgresql]}, {@code [mariadb]}, ... and given a {@link TestDatabase} for its engine as
 * a parameter of the method and of its {@code @BeforeEach} and {@code @AfterEach} methods.
 *
 * <pre>{@code
 * @AllEngines
 * void storesARow(TestDatabase db) {
 *     ConnectionPool.configure(Map.of("orders", db.freshConfig()));
 *     ...
 * }
 *
 * @AllEngines({Engine.POSTGRESQL, Engine.MARIADB})
 * void preparesAnXaBranch(TestDatabase db) { ... }
 * }</pre>
 *
 * <p>An invocation whose server is not reachable is skipped, or fails when
 * {@code MULTIDB_TEST_REQUIRE} names its engine: see the {@linkplain io.multidb.testkit package
 * documentation}. Do not add {@code @Test} as well: this annotation already makes the method a
 * test template.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(AllEnginesExtension.class)
public @interface AllEngines {

    /**
     * @return the engines to run the method against, in order; H2, PostgreSQL and MariaDB by
     *     default
     */
    Engine[] value() default {Engine.H2, Engine.POSTGRESQL, Engine.MARIADB};
}
