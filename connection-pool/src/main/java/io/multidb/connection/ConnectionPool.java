package io.multidb.connection;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's labelled pools: configured once at start-up, closed once at shut-down. Each
 * label gets its own HikariCP pool named {@code multidb-<label>} (an XA pool for labels with
 * {@code xa: true}), opened on first use unless the label sets {@code lazy: false}.
 *
 * <pre>{@code
 * ConnectionPool.configure(Map.of(
 *         "default_db", Map.of("engine", "h2", "db", ":memory:"),
 *         "audit_db", Map.of("connection_string", "postgresql://audit:secret@db.internal:5432/audit",
 *                            "pool_size", 4)));
 * try {
 *     ... DatabaseManager.getSession("default_db") ...
 * } finally {
 *     ConnectionPool.closeAllConnections();
 * }
 * }</pre>
 *
 * <p>{@code configure} is atomic: every label is validated before any pool is created, and if one
 * label fails (invalid, or not lazy and unreachable) nothing stays configured or open.
 *
 * <p>Under the facade, {@code configure} creates one {@link MultiDb} and makes it current; every
 * other method delegates to it, and {@code closeAllConnections} closes it. Instances made with
 * {@link MultiDb#create(Map)} are independent of the facade and of each other.
 *
 * <p>Labels can also be added, removed and replaced while the application runs
 * ({@link #addLabel(String, Object)}, {@link #removeLabel(String, Duration)},
 * {@link #replaceLabel(String, Object, Duration)}), for tenants that come and go; sessions on other
 * labels are not disturbed.
 *
 * <p>Thread-safety: all methods are thread-safe. {@code configure} and {@code closeAllConnections}
 * are serialised with each other, label changes with each other; lookups ({@code getSession},
 * {@code stats}, {@code labels}) take no lock and never wait for a label change.
 */
public final class ConnectionPool {
    /** How long {@link #closeAllConnections()} waits for sessions still in use. */
    public static final Duration DEFAULT_CLOSE_GRACE = MultiDb.DEFAULT_CLOSE_GRACE;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    /**
     * Serialises configure and close, which both do I/O while holding it (opening eager labels,
     * waiting for sessions, closing pools): a lock, not a monitor, so that virtual threads waiting
     * here do not pin their carriers on JDK 21 to 23.
     */
    private static final ReentrantLock LIFECYCLE = new ReentrantLock();
    private static volatile MultiDb current;

    private ConnectionPool() {
    }

    /**
     * Configures every label at once.
     *
     * @param configs label to configuration; each value is a {@link DatabaseConfig} or a map of
     *                the keys {@link DatabaseConfig#fromMap} reads
     * @throws ConfigurationException naming label and key when a configuration is invalid
     * @throws ConnectionFailedException when a label with {@code lazy: false} cannot connect
     * @throws IllegalStateException when already configured and not closed since
     */
    public static void configure(Map<String, ?> configs) {
        LIFECYCLE.lock();
        try {
            MultiDb configured = current;
            if (configured != null) {
                throw new IllegalStateException("ConnectionPool is already configured (labels " + configured.labels()
                        + "); call ConnectionPool.closeAllConnections() before configuring again");
            }
            MultiDb created = MultiDb.createForFacade(configs);
            current = created;
            LOG.info("Multidb configured labels {}", created.labels());
        } finally {
            LIFECYCLE.unlock();
        }
    }

    /**
     * Closes every pool: new sessions are refused at once, sessions in use get
     * {@link #DEFAULT_CLOSE_GRACE} to finish, then every connection is closed. Idempotent; after it
     * returns, {@link #configure(Map)} may be called again.
     */
    public static void closeAllConnections() {
        closeAllConnections(DEFAULT_CLOSE_GRACE);
    }

    /**
     * As {@link #closeAllConnections()}, with a chosen grace period.
     *
     * @param grace how long to wait for sessions in use before closing their connections
     */
    public static void closeAllConnections(Duration grace) {
        LIFECYCLE.lock();
        try {
            MultiDb closing = current;
            if (closing == null) {
                return;
            }
            current = null;
            closing.shutDown(grace, LOG);
        } finally {
            LIFECYCLE.unlock();
        }
    }

    /**
     * Adds a label while the application runs, for example a tenant that signed up: validated
     * exactly as {@link #configure(Map)} validates each label, and atomic (when it fails, nothing of
     * the label is left: no pool, no thread, no XA registration). A lazy label (the default) opens
     * nothing until its first session. Labels with {@code xa: true} are registered with the XA
     * provider, as at {@code configure}.
     *
     * <pre>{@code
     * ConnectionPool.addLabel("tenant_7", Map.of("engine", "postgresql", "host", "db7.internal",
     *                                            "db", "shop", "user", "shop", "password", secret));
     * try (Session s = DatabaseManager.getSession("tenant_7")) { ... }
     * }</pre>
     *
     * <p>Thread-safety: thread-safe. Sessions never wait for it, on any label; label changes
     * ({@code addLabel}, {@code removeLabel}, {@code replaceLabel}) are serialised with each other,
     * and a label with {@code lazy: false} holds the others' changes while its first connection opens.
     *
     * @param label  the new label
     * @param config a {@link DatabaseConfig} for that label, or a map of the keys
     *               {@link DatabaseConfig#fromMap} reads
     * @throws ConfigurationException naming label and key when the configuration is invalid, or when
     *     the label is configured already (change it with {@link #replaceLabel(String, Object)})
     * @throws ConnectionFailedException when the label has {@code lazy: false} and cannot connect
     * @throws NotConfiguredException before {@link #configure(Map)}
     */
    public static void addLabel(String label, Object config) {
        current(label).addLabel(label, config);
    }

    /**
     * Removes a label, giving sessions that hold one of its connections {@link #DEFAULT_CLOSE_GRACE}
     * to finish; see {@link #removeLabel(String, Duration)}.
     *
     * <pre>{@code
     * ConnectionPool.removeLabel("tenant_7");
     * }</pre>
     *
     * <p>Thread-safety: thread-safe; sessions on other labels never wait for it.
     *
     * @param label a configured label
     * @throws UnknownLabelException when the label is not configured
     * @throws NotConfiguredException before {@link #configure(Map)}
     */
    public static void removeLabel(String label) {
        removeLabel(label, DEFAULT_CLOSE_GRACE);
    }

    /**
     * Removes a label while the application runs. New sessions on it get
     * {@link UnknownLabelException} at once; sessions that hold one of its connections get
     * {@code grace} to finish, then its pools are closed as {@link #closeAllConnections(Duration)}
     * closes them (a session still holding a connection then fails with
     * {@link PoolClosedException}, its uncommitted work discarded). A session opened before the
     * removal may still borrow while others hold connections; one that borrows only after they have
     * all come back is refused with {@link PoolClosedException}, telling it to open a new session.
     * Returns once the pools are closed; an {@code xa} label's registration with the XA provider
     * ends with them.
     *
     * <pre>{@code
     * ConnectionPool.removeLabel("tenant_7", Duration.ofSeconds(30));
     * }</pre>
     *
     * <p>Thread-safety: thread-safe. Sessions on other labels never wait for it; the wait for the
     * label's sessions holds no lock, so other label changes go on meanwhile. Sessions of the calling
     * thread are not waited for (they cannot finish while it waits here).
     *
     * @param label a configured label
     * @param grace how long to wait for sessions that hold one of its connections
     * @throws UnknownLabelException when the label is not configured
     * @throws NotConfiguredException before {@link #configure(Map)}
     */
    public static void removeLabel(String label, Duration grace) {
        current(label).removeLabel(label, grace);
    }

    /**
     * Replaces a label's configuration, giving sessions of the old pool {@link #DEFAULT_CLOSE_GRACE}
     * to finish; see {@link #replaceLabel(String, Object, Duration)}.
     *
     * <pre>{@code
     * ConnectionPool.replaceLabel("tenant_7", newConfig);
     * }</pre>
     *
     * <p>Thread-safety: thread-safe; sessions never wait for it.
     *
     * @param label  a configured label
     * @param config its new configuration
     * @throws UnknownLabelException when the label is not configured
     * @throws ConfigurationException naming label and key when the configuration is invalid
     * @throws NotConfiguredException before {@link #configure(Map)}
     */
    public static void replaceLabel(String label, Object config) {
        replaceLabel(label, config, DEFAULT_CLOSE_GRACE);
    }

    /**
     * Replaces a label's configuration (a moved database, a rotated password, a bigger pool) as one
     * step, rather than a {@code removeLabel} and an {@code addLabel} with a gap between them: the
     * new configuration is validated and its pools made (opened, when not lazy) first; then every new
     * session gets the new pool at once, while sessions that hold a connection of the old pool get
     * {@code grace} to finish on it, after which the old pool is closed. If the new configuration is
     * invalid or cannot connect, the label keeps its old one and nothing new is left. Returns once
     * the old pool is closed.
     *
     * <pre>{@code
     * ConnectionPool.replaceLabel("tenant_7", Map.of("engine", "postgresql", "host", "db7-new.internal",
     *         "db", "shop", "user", "shop", "password", rotated), Duration.ofSeconds(30));
     * }</pre>
     *
     * <p>Thread-safety: thread-safe, as {@link #removeLabel(String, Duration)}: sessions never wait
     * for it.
     *
     * @param label  a configured label
     * @param config its new configuration: a {@link DatabaseConfig} for that label, or a map of keys
     * @param grace  how long to wait for sessions that hold a connection of the old pool
     * @throws UnknownLabelException when the label is not configured
     * @throws ConfigurationException naming label and key when the configuration is invalid
     * @throws ConnectionFailedException when the new configuration has {@code lazy: false} and
     *     cannot connect
     * @throws NotConfiguredException before {@link #configure(Map)}
     */
    public static void replaceLabel(String label, Object config, Duration grace) {
        current(label).replaceLabel(label, config, grace);
    }

    /**
     * Caps the number of underlying pools kept open over every label ({@code max_open_pools}): when
     * a pool is about to open beyond the cap, the least recently used idle pool is closed first (its
     * label stays configured and reopens on its next session); when none is idle, the new pool opens
     * anyway. See {@link MultiDb#setMaxOpenPools(int)} for the whole behaviour.
     *
     * <pre>{@code
     * ConnectionPool.configure(tenantConfigs);
     * ConnectionPool.setMaxOpenPools(50);
     * }</pre>
     *
     * <p>Thread-safety: thread-safe.
     *
     * @param max the most underlying pools to keep open, or 0 for no cap (the default)
     * @throws IllegalArgumentException when {@code max} is negative
     * @throws NotConfiguredException before {@link #configure(Map)}: the cap belongs to the
     *     configured instance, and is dropped by {@link #closeAllConnections()}
     */
    public static void setMaxOpenPools(int max) {
        instance().setMaxOpenPools(max);
    }

    /**
     * Gives the configured labels a {@link LabelSource} with the default cache times: sessions on a
     * label that is not configured look it up there. See {@link MultiDb#setLabelSource(LabelSource)}.
     *
     * <pre>{@code
     * ConnectionPool.configure(Map.of("catalog", catalogConfig));
     * ConnectionPool.setLabelSource(CatalogLabelSource.builder("catalog").build());
     * try (Session s = DatabaseManager.getSession("acme")) { ... }   // acme's row is read on first use
     * }</pre>
     *
     * <p>Thread-safety: thread-safe.
     *
     * @param source where labels that are not configured are looked up
     * @throws NotConfiguredException before {@link #configure(Map)}: the source belongs to the
     *     configured instance, and is dropped by {@link #closeAllConnections()}
     */
    public static void setLabelSource(LabelSource source) {
        instance().setLabelSource(source);
    }

    /**
     * Gives the configured labels a {@link LabelSource}, with chosen cache times: single-flight
     * look-ups on a miss, misses and failures remembered, changes the source reports applied to the
     * labels it gave. See {@link MultiDb#setLabelSource(LabelSourceSettings)} for the whole
     * behaviour. Configured labels never reach the source; {@link #configure(Map)} never asks it.
     *
     * <pre>{@code
     * ConnectionPool.configure(Map.of("catalog", catalogConfig));
     * CatalogLabelSource tenants = CatalogLabelSource.builder("catalog")
     *         .secretResolver(FernetSecretResolver.fromEnvironment("MULTIDB_CATALOG_KEY")).build();
     * ConnectionPool.setLabelSource(LabelSourceSettings.of(tenants).withMissCacheTime(Duration.ofMinutes(1)));
     * }</pre>
     *
     * <p>Thread-safety: thread-safe.
     *
     * @param settings the source and its cache times
     * @throws NotConfiguredException before {@link #configure(Map)}
     */
    public static void setLabelSource(LabelSourceSettings settings) {
        instance().setLabelSource(settings);
    }

    /**
     * @return whether {@link #configure(Map)} has been called and not closed since
     */
    public static boolean isConfigured() {
        return current != null;
    }

    /**
     * @return the configured labels, sorted; empty when not configured
     */
    public static Set<String> labels() {
        MultiDb db = current;
        return db == null ? Set.of() : db.labels();
    }

    /**
     * A standard {@link DataSource} over a label's pool, for tools that want one: Flyway,
     * Spring's {@code JdbcTemplate}, jOOQ. Its connections come with auto-commit <em>on</em>, as
     * such clients expect (the pool restores the label's setting when they are returned);
     * {@code getConnection(user, password)} is not supported.
     *
     * <pre>{@code
     * Flyway.configure().dataSource(ConnectionPool.dataSource("orders")).load().migrate();
     * new JdbcTemplate(ConnectionPool.dataSource("orders")).queryForObject("select count(*) from orders", Long.class);
     * }</pre>
     *
     * @param label a configured label
     * @return the data source; it stops handing out connections when the pools are closed
     * @throws NotConfiguredException before {@link #configure(Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static DataSource dataSource(String label) {
        return current(label).dataSource(label);
    }

    /**
     * A standard {@link DataSource} over the pool of a label's read-only sessions
     * ({@link DatabaseManager#getReadSession(String)}): connections with auto-commit on that are
     * read-only (on PostgreSQL and MariaDB the database refuses writes), for tools that only read,
     * such as a reporting {@code JdbcTemplate}.
     *
     * <pre>{@code
     * JdbcTemplate reports = new JdbcTemplate(ConnectionPool.readDataSource("orders"));
     * }</pre>
     *
     * @param label a configured label
     * @return the data source; it stops handing out connections when the pools are closed
     * @throws NotConfiguredException before {@link #configure(Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static DataSource readDataSource(String label) {
        return current(label).readDataSource(label);
    }

    /**
     * @param label a configured label
     * @return a snapshot of its pool
     * @throws NotConfiguredException before {@link #configure(Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static PoolStats stats(String label) {
        return current(label).stats(label);
    }

    /**
     * @param label a configured label
     * @return a snapshot of the pool of its read-only sessions ({@link DatabaseManager#getReadSession})
     * @throws NotConfiguredException before {@link #configure(Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static PoolStats readStats(String label) {
        return current(label).readStats(label);
    }

    /**
     * The sessions open on a label that have not been closed, as {@link MultiDb#openSessions(String)}
     * counts them: only for a label with {@code leak_detection_threshold} set.
     *
     * <pre>{@code
     * ConnectionPool.openSessions("orders").ifPresent(n -> log.info("{} sessions open on orders", n));
     * }</pre>
     *
     * @param label a configured label
     * @return the number of open sessions, or empty when the label's sessions are not counted
     * @throws NotConfiguredException before {@link #configure(Map)}
     * @throws UnknownLabelException when the label is not configured
     */
    public static OptionalInt openSessions(String label) {
        return current(label).openSessions(label);
    }

    /**
     * The instance behind the facade: what {@link #configure(Map)} created and every static method
     * delegates to. For code that is written against {@link MultiDb} (a library module, a DAO or
     * service that takes its instance in its constructor) and is used by an application that
     * configures the facade.
     *
     * <pre>{@code
     * ConnectionPool.configure(configs);
     * OrderService orders = new OrderService(ConnectionPool.instance());   // takes a MultiDb
     * }</pre>
     *
     * <p>The instance belongs to the facade: its {@link MultiDb#close()} is refused, and after
     * {@link #closeAllConnections()} it is closed (a later {@code configure} creates a new one).
     * Code that must follow a reconfiguration asks for the instance when it needs it rather than
     * keeping it.
     *
     * @return the current instance
     * @throws NotConfiguredException before {@link #configure(Map)}, or after
     *     {@link #closeAllConnections()}
     */
    public static MultiDb instance() {
        MultiDb db = current;
        if (db == null) {
            throw NotConfiguredException.noInstance();
        }
        return db;
    }

    /**
     * @param label the label about to be used, for the error
     * @return the instance that {@link #configure(Map)} made current
     * @throws NotConfiguredException when there is none
     */
    static MultiDb current(String label) {
        MultiDb db = current;
        if (db == null) {
            throw new NotConfiguredException(label);
        }
        return db;
    }
}
