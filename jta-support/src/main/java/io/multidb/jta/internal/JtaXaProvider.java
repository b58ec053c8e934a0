package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.spi.XaPool;
import io.multidb.connection.spi.XaProvider;
import io.multidb.connection.spi.XaTransaction;
import java.time.Duration;
import java.util.List;

/**
 * The connection pool's XA provider, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.multidb.connection.spi.XaProvider}). Stateless: it hands every call
 * to the running {@link JtaRuntime}, so that configuring before {@code JtaSupport.enable(...)} is
 * an error that says so.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class JtaXaProvider implements XaProvider {

    /** For {@link java.util.ServiceLoader}. */
    public JtaXaProvider() {
    }

    @Override
    public void validate(DatabaseConfig config) {
        JtaRuntime runtime = JtaRuntime.current();
        if (runtime == null) {
            throw new ConfigurationException(config.label(), "xa", "Database '" + config.label() + "': xa is true but"
                    + " JTA support is not enabled: call JtaSupport.enable(JtaSettings.builder().logDirectory(...)"
                    + ".nodeId(...).build()) before ConnectionPool.configure(...)");
        }
        runtime.validate(config);
    }

    @Override
    public Registration labelsOpened(List<DatabaseConfig> configs) {
        return JtaRuntime.require().labelsOpened(configs);
    }

    @Override
    public XaPool createPool(DatabaseConfig config) {
        return JtaRuntime.require().createPool(config);
    }

    @Override
    public XaTransaction begin(List<String> labels, Duration timeout) {
        return JtaRuntime.require().begin(labels, timeout);
    }
}
