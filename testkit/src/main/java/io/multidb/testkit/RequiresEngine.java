package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test method or a test class as needing live servers of the given engines, and
 * resolves {@link TestDatabase} parameters of its test, lifecycle and constructor methods.
 *
 * <pre>{@code
 * @Test
 * @RequiresEngine(Engine.POSTGRESQL)
 * void recoversAPreparedTransaction(TestDatabase postgres) throws SQLException { ... }
 *
 * @Test
 * @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
 * void commitsAcrossEngines(TestDatabase postgres, TestDatabase mariadb) { ... }
 * }</pre>
 *
 * <p>When any of the servers is not reachable the test (or the whole class) is skipped, or fails
 * when {@code MULTIDB_TEST_REQUIRE} names that engine: see the {@linkplain io.multidb.testkit
 * package documentation}.
 *
 * <p>Parameters: with one engine, every {@code TestDatabase} parameter is that engine's; with
 * several, the first {@code TestDatabase} parameter is the first engine's, the second the
 * second's, and so on. Annotations add up: a test needs every engine named on its method, its
 * class and the enclosing classes (a class whose server is missing is skipped as a whole), while
 * its parameters are resolved against the nearest annotation only.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequiresEngineExtension.class)
public @interface RequiresEngine {

    /**
     * @return the engines the test needs; at least one
     */
    Engine[] value();
}
