package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test: every label must have had all its connections returned (a session left open is
 * a leak the test should have caught), then every pool is closed so the next test configures anew.
 */
public final class ClosePools implements AfterEachCallback {
    @Override
    public void afterEach(ExtensionContext context) {
        try {
            for (String label : ConnectionPool.labels()) {
                assertThat(ConnectionPool.stats(label).active())
                        .as("connections of '%s' still lent out after %s", label, context.getDisplayName())
                        .isZero();
                assertThat(ConnectionPool.readStats(label).active())
                        .as("read-only connections of '%s' still lent out after %s", label, context.getDisplayName())
                        .isZero();
            }
        } finally {
            ConnectionPool.closeAllConnections();
        }
    }
}
