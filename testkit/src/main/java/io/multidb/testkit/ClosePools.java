package io.multidb.testkit;

import io.multidb.connection.ConnectionPool;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For tests that configure the static facade themselves: after each test, fails it when a label
 * still has a connection lent out (a session left open, see {@link LeakCheck}), then closes every
 * pool ({@link ConnectionPool#closeAllConnections()}) so that the next test configures anew.
 *
 * <pre>{@code
 * @ExtendWith(ClosePools.class)
 * class OrdersTest {
 *     @Test
 *     void storesAnOrder() {
 *         ConnectionPool.configure(Map.of("orders", Map.of("url", "jdbc:h2:mem:orders")));
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>{@link MultiDbExtension} does the same, and more, for tests that let it configure the facade.
 *
 * <p>Thread-safety: stateless; JUnit may call it from any thread.
 */
public final class ClosePools implements AfterEachCallback {

    /** Called by JUnit through {@code @ExtendWith}. */
    public ClosePools() {
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (ConnectionPool.isConfigured()) {
                LeakCheck.ofStaticFacade().verify(context.getDisplayName());
            }
        } finally {
            ConnectionPool.closeAllConnections();
        }
    }
}
