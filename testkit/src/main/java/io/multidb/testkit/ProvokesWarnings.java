package io.multidb.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that makes a library log warnings on purpose (a socket timeout that HikariCP reports
 * as a broken connection, a heuristic outcome that Narayana reports). The events of the named
 * loggers and their children are held back while the test runs: a passing test prints nothing, a
 * failing one prints them after the fact, through the usual appenders. Levels are not changed.
 *
 * <pre>{@code
 * @Test
 * @ProvokesWarnings("com.zaxxer.hikari.pool.ProxyConnection") // the timed-out connection is evicted
 * void aStatementLongerThanTheSocketTimeoutFails(TestDatabase db) { ... }
 * }</pre>
 *
 * <p>Annotations add up over the method, its class and the enclosing classes. Needs logback as the
 * SLF4J provider, as every module's tests have; Narayana's jboss-logging reaches it through SLF4J.
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ProvokesWarningsExtension.class)
public @interface ProvokesWarnings {

    /**
     * @return the names of the loggers whose warnings the test provokes, such as {@code com.arjuna}
     */
    String[] value();
}
