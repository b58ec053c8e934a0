package io.multidb.jta.internal;

import com.arjuna.ats.arjuna.coordinator.TransactionReaper;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.spi.ErrorTranslation;
import io.multidb.connection.spi.XaPool;
import io.multidb.connection.spi.XaProvider;
import io.multidb.connection.spi.XaTransaction;
import io.multidb.jta.JtaSettings;
import io.multidb.jta.TransactionRolledBackException;
import io.multidb.jta.XaTransactionException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.XAConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running JTA support of this JVM: Narayana configured by one {@link JtaSettings}, its
 * transaction log held, recovery running, and the XA labels configured since.
 *
 * <table>
 *   <caption>Life cycle (per JVM)</caption>
 *   <tr><th>state</th><th>{@code enable(s)}</th><th>{@code recover()}</th><th>{@code shutdown()}</th></tr>
 *   <tr><td>not enabled</td><td>configures Narayana, locks the log directory, starts recovery:
 *       enabled</td><td>{@code IllegalStateException}</td><td>nothing</td></tr>
 *   <tr><td>enabled with {@code s}</td><td>nothing</td><td>starts one pass in the background</td>
 *       <td>refused while XA labels are configured; else stops recovery and the reaper, unlocks: shut
 *       down</td></tr>
 *   <tr><td>enabled with other settings</td><td>{@code IllegalStateException}</td><td>starts one pass in
 *       the background</td><td>as above</td></tr>
 *   <tr><td>shut down</td><td>{@code IllegalStateException}: Narayana keeps static state, start a new
 *       JVM</td><td>{@code IllegalStateException}</td><td>nothing</td></tr>
 * </table>
 *
 * <p>Thread-safety: thread-safe; life-cycle changes are serialised.
 */
public final class JtaRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(JtaRuntime.class);
    /**
     * Serialises enable and shutdown, which do I/O while holding it (the log directory's file lock,
     * Narayana's start, waiting for the recovery thread): a lock, not a monitor, so that a virtual
     * thread waiting here does not pin its carrier on JDK 21 to 23.
     */
    private static final ReentrantLock LIFECYCLE = new ReentrantLock();
    private static final ThreadLocal<List<String>> UNIT_LABELS = new ThreadLocal<>();
    private static volatile JtaRuntime current;
    /** Guarded by {@link #LIFECYCLE}. */
    private static boolean shutDown;

    private final JtaSettings settings;
    private final LogDirectory logDirectory;
    private final TransactionManager tm;
    private final TransactionSynchronizationRegistry tsr;
    private final RecoveryService recovery;
    /**
     * The XA labels of the open {@code MultiDb} instances, by label: what recovery scans and what
     * {@link #shutdown()} waits for. Guarded by {@link #live}'s monitor (short, no I/O inside).
     */
    private final Map<String, LiveLabel> live = new HashMap<>();
    /** Set by {@link #shutdown()} with no label live; guarded by {@link #live}. */
    private boolean stopped;

    private JtaRuntime(JtaSettings settings, LogDirectory logDirectory, TransactionManager tm,
            TransactionSynchronizationRegistry tsr, RecoveryService recovery) {
        this.settings = settings;
        this.logDirectory = logDirectory;
        this.tm = tm;
        this.tsr = tsr;
        this.recovery = recovery;
    }

    /**
     * @param settings the settings
     * @throws ConfigurationException when the log directory cannot be used
     * @throws IllegalStateException  when enabled with other settings, or after a shutdown
     */
    public static void enable(JtaSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("JtaSupport.enable(...) needs JtaSettings, but got null");
        }
        LIFECYCLE.lock();
        try {
            JtaRuntime running = current;
            if (running != null) {
                if (running.settings.equals(settings)) {
                    return;
                }
                throw new IllegalStateException("JtaSupport is already enabled with " + running.settings + "; Narayana"
                        + " reads its configuration once per JVM, so other settings (" + settings + ") need a new JVM");
            }
            if (shutDown) {
                throw new IllegalStateException("JtaSupport.shutdown() has been called in this JVM; Narayana keeps"
                        + " static state and cannot be started again in the same JVM. Start a new JVM.");
            }
            LogDirectory dir = LogDirectory.open(settings);
            try {
                NarayanaEnvironment.apply(settings);
                TransactionManager tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
                TransactionSynchronizationRegistry tsr = new TransactionSynchronizationRegistryImple();
                RecoveryService recovery = RecoveryService.start(settings);
                current = new JtaRuntime(settings, dir, tm, tsr, recovery);
            } catch (RuntimeException | Error e) {
                dir.close();
                throw e;
            }
            LOG.info("Multidb JTA support enabled: node '{}', transaction log {} ({} store)", settings.nodeId(),
                    settings.logDirectory(), settings.logStore());
        } finally {
            LIFECYCLE.unlock();
        }
    }

    /**
     * @return the running instance, or {@code null} when JTA support is not enabled
     */
    public static JtaRuntime current() {
        return current;
    }

    /**
     * @return the running instance
     * @throws IllegalStateException when JTA support is not enabled
     */
    public static JtaRuntime require() {
        JtaRuntime r = current;
        if (r == null) {
            throw new IllegalStateException("JtaSupport is not enabled: call JtaSupport.enable(JtaSettings) at"
                    + " start-up, before ConnectionPool.configure(...)");
        }
        return r;
    }

    /**
     * Stops recovery and Narayana's reaper and unlocks the log directory. Does nothing when not
     * enabled.
     *
     * @throws IllegalStateException while XA labels are still configured
     */
    public static void shutdown() {
        LIFECYCLE.lock();
        try {
            JtaRuntime running = current;
            if (running == null) {
                return;
            }
            synchronized (running.live) {
                // checked and closed in one step: an instance opening XA labels now is refused, not lost
                List<String> open = running.configuredXaLabels();
                if (!open.isEmpty()) {
                    throw new IllegalStateException("XA labels " + open + " are still configured: call"
                            + " ConnectionPool.closeAllConnections() before JtaSupport.shutdown() (and close every"
                            + " MultiDb instance that has XA labels)");
                }
                running.stopped = true;
            }
            current = null;
            shutDown = true;
            try {
                running.recovery.stop();
                TransactionReaper.terminate(false);
                // stops the journal store's threads; the file store has none
                StoreManager.shutdown();
            } finally {
                running.logDirectory.close();
            }
            LOG.info("Multidb JTA support shut down (node '{}')", running.settings.nodeId());
        } finally {
            LIFECYCLE.unlock();
        }
    }

    /**
     * @return the settings Narayana runs with
     */
    public JtaSettings settings() {
        return settings;
    }

    /**
     * Starts one full recovery pass on the recovery thread and returns at once.
     *
     * @return completes when the pass has ended
     */
    public CompletionStage<Void> recover() {
        return recovery.requestPass();
    }

    /**
     * Checks an XA label when an instance is created, before anything is opened.
     *
     * @param config the label's configuration
     */
    void validate(DatabaseConfig config) {
        XaConnectionSource.create(config);
    }

    /**
     * Registers the XA labels of a new instance for recovery, before their pools exist, so that
     * recovery reaches a database even when the application has not used its label since it
     * restarted. A label names its branches in the transaction log (see {@link LabelRecordPlugin}),
     * so two open instances may share an XA label only when it reaches the same database as the
     * same user.
     *
     * @param configs the instance's XA labels
     * @return unregisters them; the last instance to close a label takes it out of recovery
     * @throws ConfigurationException when an open instance has one of the labels on another database
     */
    XaProvider.Registration labelsOpened(List<DatabaseConfig> configs) {
        List<XaConnectionSource> sources = new ArrayList<>();
        configs.forEach(c -> sources.add(XaConnectionSource.create(c)));
        synchronized (live) {
            if (stopped) {
                throw new IllegalStateException("JtaSupport was shut down: call JtaSupport.enable(JtaSettings) again"
                        + " before creating an instance with XA labels " + configs.stream().map(DatabaseConfig::label)
                        .toList());
            }
            for (DatabaseConfig c : configs) {
                LiveLabel other = live.get(c.label());
                if (other != null && !other.sameDatabase(c)) {
                    throw new ConfigurationException(c.label(), "xa", "Database '" + c.label() + "': another open"
                            + " instance has XA label '" + c.label() + "' on "
                            + ErrorTranslation.redact(other.source.config().url()) + " (or this label's previous pool"
                            + " is still draining after replaceLabel); a label names its branches in the XA"
                            + " transaction log, so in one JVM an XA label must always reach the same database as the"
                            + " same user. Give this one another label, or remove the label and add it again once"
                            + " its sessions have ended.");
                }
            }
            for (XaConnectionSource source : sources) {
                LiveLabel entry = live.computeIfAbsent(source.config().label(), l -> {
                    recovery.register(l, source);
                    return new LiveLabel(source);
                });
                entry.instances++;
            }
        }
        List<String> labels = configs.stream().map(DatabaseConfig::label).toList();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            // once: a second close must not take another instance's share of a label
            if (closed.compareAndSet(false, true)) {
                labelsClosed(labels);
            }
        };
    }

    private void labelsClosed(List<String> labels) {
        synchronized (live) {
            for (String label : labels) {
                LiveLabel entry = live.get(label);
                if (entry != null && --entry.instances == 0) {
                    live.remove(label);
                    recovery.unregister(label);
                }
            }
        }
    }

    /**
     * Opens an XA label's pool: checks the database's XA preconditions on a first connection, then
     * starts Agroal.
     *
     * @param config the label's configuration
     * @return the pool
     */
    XaPool createPool(DatabaseConfig config) {
        XaConnectionSource source;
        synchronized (live) {
            LiveLabel entry = live.get(config.label());
            source = entry == null ? null : entry.source;
        }
        if (source == null || !source.config().equals(config)) {
            source = XaConnectionSource.create(config);
        }
        try {
            XAConnection first = source.open();
            try {
                Preconditions.check(config, first.getConnection());
            } finally {
                first.close();
            }
        } catch (SQLException e) {
            throw ErrorTranslation.connectionFailed(config, e);
        }
        return AgroalXaPool.open(source, tm, tsr, this);
    }

    /**
     * Begins the JTA transaction of an XA unit of work on the calling thread.
     *
     * @param labels  the labels, for messages
     * @param timeout the unit of work's timeout, or {@code null} for the settings' default
     * @return the transaction
     */
    XaTransaction begin(List<String> labels, Duration timeout) {
        Duration effective = timeout != null ? timeout : settings.defaultTransactionTimeout();
        try {
            if (tm.getTransaction() != null) {
                throw new IllegalStateException("An XA unit of work over " + labels + " was started on a thread that"
                        + " is already inside an XA unit of work; XA units of work cannot be nested. Use the"
                        + " sessions of the enclosing unit of work instead.");
            }
            tm.setTransactionTimeout((int) effective.toSeconds());
            try {
                tm.begin();
            } finally {
                tm.setTransactionTimeout(0);
            }
        } catch (NotSupportedException | SystemException e) {
            throw new XaTransactionException(labels, "Cannot begin an XA unit of work over " + labels + ": " + e, true,
                    e);
        }
        UNIT_LABELS.set(List.copyOf(labels));
        return new NarayanaXaTransaction(tm, labels, effective, UNIT_LABELS::remove);
    }

    /**
     * Throws when the calling thread's transaction has already been rolled back (by its timeout),
     * so that borrowing a connection then says so instead of reporting a connection failure.
     *
     * @param label the label whose connection was asked for
     */
    void failIfRolledBack(String label) {
        try {
            int status = tm.getStatus();
            if (status == Status.STATUS_ROLLEDBACK || status == Status.STATUS_MARKED_ROLLBACK
                    || status == Status.STATUS_ROLLING_BACK) {
                List<String> labels = UNIT_LABELS.get();
                throw new TransactionRolledBackException(labels == null ? List.of(label) : labels, "the transaction"
                        + " timed out or was marked rollback-only before database '" + label + "' was used", null);
            }
        } catch (SystemException e) {
            // no status: let the borrow failure speak for itself
        }
    }

    private List<String> configuredXaLabels() {
        synchronized (live) {
            return new ArrayList<>(new TreeSet<>(live.keySet()));
        }
    }

    /** An XA label of one or more open instances. */
    private static final class LiveLabel {
        final XaConnectionSource source;
        /** Guarded by the {@code live} map's monitor. */
        int instances;

        LiveLabel(XaConnectionSource source) {
            this.source = source;
        }

        boolean sameDatabase(DatabaseConfig config) {
            return source.config().url().equals(config.url()) && source.config().user().equals(config.user());
        }
    }
}
