package io.multidb.connection.spi;

import io.multidb.connection.DatabaseConfig;
import java.util.List;

/**
 * Plug-in point for XA two-phase commit, implemented by {@code multidb-jta-support} and found by
 * {@link java.util.ServiceLoader} when a configuration has a label with {@code xa: true}. The
 * connection-pool module knows nothing about the transaction manager; it only asks its provider
 * for XA-capable pools and for global transactions.
 *
 * <p>Life cycle, as {@code ConnectionPool} drives it:
 * <ol>
 *   <li>{@code configure(...)} calls {@link #validate(DatabaseConfig)} for every XA label (before
 *       anything is opened) and {@link #createPool(DatabaseConfig)} once per XA label, when the
 *       label is first used (or at configure when it is not lazy);</li>
 *   <li>a unit of work in XA mode calls {@link #begin(List, java.time.Duration)} on the thread that
 *       runs the work, then borrows each label's connection from its {@link XaPool} on that same
 *       thread (the pool enlists it), and ends with {@link XaTransaction#commit()} or
 *       {@link XaTransaction#rollback()};</li>
 *   <li>{@code closeAllConnections()} closes every {@link XaPool}.</li>
 * </ol>
 *
 * <p>A registration file {@code META-INF/services/io.multidb.connection.spi.XaProvider} names the
 * implementation. This SPI may still change before 1.0.
 *
 * <p>Thread-safety: implementations must be thread-safe.
 */
public interface XaProvider {

    /**
     * Checks, without opening anything, that this provider can serve the label: for example that
     * the transaction manager has been enabled. Called by {@code configure(...)}.
     *
     * @param config the label's configuration
     * @throws io.multidb.connection.ConfigurationException naming the label and what to do
     */
    void validate(DatabaseConfig config);

    /**
     * Creates the XA-capable pool of a label.
     *
     * @param config the label's configuration
     * @return the pool; it may open connections now or on first use
     * @throws io.multidb.connection.ConnectionFailedException when the database cannot be reached
     */
    XaPool createPool(DatabaseConfig config);

    /**
     * Starts a global transaction associated with the calling thread.
     *
     * @param labels  the labels the unit of work spans, for error messages
     * @param timeout the transaction timeout, or {@code null} for the provider's default
     * @return the transaction, ended by exactly one call to commit or rollback on this thread
     */
    XaTransaction begin(List<String> labels, java.time.Duration timeout);
}
