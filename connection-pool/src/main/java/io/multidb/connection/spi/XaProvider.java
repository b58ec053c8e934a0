package io.multidb.connection.spi;

import io.multidb.connection.DatabaseConfig;
import java.time.Duration;
import java.util.List;

/**
 * Plug-in point for XA two-phase commit, implemented by {@code multidb-jta-support} and found by
 * {@link java.util.ServiceLoader} when a configuration has a label with {@code xa: true}. The
 * connection-pool module knows nothing about the transaction manager; it only asks its provider
 * for XA-capable pools and for global transactions.
 *
 * <p>Life cycle, as each {@code MultiDb} instance drives it (the static facade's instance is
 * created by {@code ConnectionPool.configure(...)} and closed by {@code closeAllConnections()}):
 * <ol>
 *   <li>{@code MultiDb.create(...)} calls {@link #validate(DatabaseConfig)} for every XA label
 *       (before anything is opened), then {@link #labelsOpened(List)} once per XA label, with that
 *       label alone; if creating the instance fails after that, the returned {@link Registration}s
 *       are closed at once. {@code addLabel} and {@code replaceLabel} do the same for the label they
 *       add, while the instance is open;</li>
 *   <li>{@link #createPool(DatabaseConfig)} runs once per XA label, when the label is first used
 *       (or at creation when it is not lazy);</li>
 *   <li>a unit of work in XA mode calls {@link #begin(List, Duration)} on the thread that runs the
 *       work, with the unit of work's timeout, then borrows each label's connection from its
 *       {@link XaPool} on that same thread (the pool enlists it), and ends with
 *       {@link XaTransaction#commit()} or {@link XaTransaction#rollback()};</li>
 *   <li>{@code close()} closes every {@link XaPool} of the instance, then its
 *       {@link Registration}s; {@code removeLabel} (and {@code replaceLabel}, for the label's old
 *       configuration) closes the label's pool, then its registration, once its sessions are done.</li>
 * </ol>
 *
 * <p>Several instances may be open at once, each with its own XA labels: the provider learns
 * which labels are live from the registrations, and never asks the static facade.
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
     * An instance starts serving these XA labels: for example, crash recovery should now scan their
     * databases. Called once per XA label of an instance (with that label alone), after it passed
     * {@link #validate(DatabaseConfig)} and before its pool is created: at creation, and again when a
     * label is added or replaced at runtime. While a label is replaced, its old and new
     * configurations are both registered until the old pool is closed.
     *
     * @param configs the instance's XA labels
     * @return closed exactly once: when the instance closes (after its XA pools), when the label is
     *     removed or replaced (after its pool), or when the creation or addition fails
     * @throws io.multidb.connection.ConfigurationException when the provider cannot serve these
     *     labels next to those of the instances already open; nothing stays registered
     */
    default Registration labelsOpened(List<DatabaseConfig> configs) {
        return () -> { };
    }

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
     * @param timeout the unit of work's transaction timeout (whole seconds, at least one; checked by
     *                the caller), or {@code null} for the provider's default
     * @return the transaction, ended by exactly one call to commit or rollback on this thread
     */
    XaTransaction begin(List<String> labels, Duration timeout);

    /**
     * What {@link #labelsOpened(List)} returns: the labels stay registered with the provider until
     * it is closed.
     *
     * <p>Thread-safety: {@code close} is called once, from any thread.
     */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        /** The instance no longer serves the labels; must not throw a checked exception. */
        @Override
        void close();
    }
}
