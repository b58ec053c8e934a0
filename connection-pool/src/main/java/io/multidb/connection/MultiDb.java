package io.multidb.connection;

import io.multidb.connection.internal.LabelDataSource;
import io.multidb.connection.internal.LabelPool;
import io.multidb.connection.internal.Lifecycle;
import io.multidb.connection.internal.Registry;
import io.multidb.connection.internal.SessionImpl;
import io.multidb.connection.internal.SourcedLabels;
import io.multidb.connection.internal.Transactions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One set of labelled pools, created from a configuration and closed as a whole: what
 * {@link ConnectionPool} and {@link DatabaseManager} offer statically, as an object. Several
 * instances can live in one JVM (tests, modules of one application), each with its own labels and
 * pools; closing one leaves the others working. The static facade is itself one such instance,
 * created by {@link ConnectionPool#configure(Map)}.
 *
 * <pre>{@code
 * MultiDb orders = MultiDb.create(Map.of("main", Map.of("url", "jdbc:h2:mem:orders", "user", "sa")));
 * try (MultiDb billing = MultiDb.create(Map.of("main", Map.of("url", "jdbc:h2:mem:billing", "user", "sa")))) {
 *     orders.inTransaction("main", s -> s.execute("create table orders (id int)"));
 *     billing.inTransaction("main", s -> s.execute("create table invoices (id int)"));
 *     orders.close();   // billing's "main" is another database, and stays open
 *     try (Session s = billing.session("main")) {
 *         s.execute("insert into invoices (id) values (?)", 1);
 *         s.commit();
 *     }
 * }
 * }</pre>
 *
 * <p>{@code create} is atomic, as {@code configure} is: every label is validated before any pool is
 * created, and if one label fails (invalid, or not lazy and unreachable) nothing is left open.
 *
 * <p>Once closed, an instance refuses new sessions, units of work and data sources with a
 * {@link PoolClosedException} naming the label; {@link #labels()}, {@link #stats(String)} and
 * {@link #readStats(String)} keep answering (a closed pool reports no connections).
 *
 * <p>Labels can be added, removed and replaced while the instance is in use
 * ({@link #addLabel(String, Object)}, {@link #removeLabel(String, Duration)},
 * {@link #replaceLabel(String, Object, Duration)}), without disturbing sessions on other labels.
 *
 * <p>Thread-safety: all methods are thread-safe. Closes are serialised with each other, label
 * changes with each other and with closes; lookups ({@code session}, {@code stats},
 * {@code labels}) take no lock and never wait for a label change. The sessions it hands out are for
 * one thread at a time.
 */
public final class MultiDb implements AutoCloseable {
    /** How long {@link #close()} waits for sessions still in use. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(MultiDb.class);

    private final Registry registry;
    private final Lifecycle lifecycle;
    /**
     * Serialises closes, which wait for sessions and close pools while holding it: a lock, not a
     * monitor, so that virtual threads waiting here do not pin their carriers on JDK 21 to 23.
     */
    private final ReentrantLock closing = new ReentrantLock();
    private volatile boolean closed;
    /** The label source's change listener registration, or {@code null}; guarded by {@code closing}. */
    private LabelSource.Subscription sourceSubscription;

    private MultiDb(Registry registry, Lifecycle lifecycle) {
        this.registry = registry;
        this.lifecycle = lifecycle;
    }

    /**
     * Creates an instance with every label at once.
     *
     * @param configs label to configuration; each value is a {@link DatabaseConfig} or a map of
     *                the keys {@link DatabaseConfig#fromMap} reads
     * @return the instance, to close when done
     * @throws ConfigurationException naming label and key when a configuration is invalid
     * @throws ConnectionFailedException when a label with {@code lazy: false} cannot connect
     */
    public static MultiDb create(Map<String, ?> configs) {
        MultiDb created = new MultiDb(Registry.create(configs, Lifecycle.INSTANCE), Lifecycle.INSTANCE);
        LOG.info("Multidb instance created with labels {}", created.labels());
        return created;
    }

    /** The instance behind the static facade: its messages name {@code ConnectionPool}'s calls. */
    static MultiDb createForFacade(Map<String, ?> configs) {
        return new MultiDb(Registry.create(configs, Lifecycle.STATIC_FACADE), Lifecycle.STATIC_FACADE);
    }

    /**
     * @return the labels, sorted: a snapshot, unchanged by later {@link #addLabel} or
     *     {@link #removeLabel} calls
     */
    public Set<String> labels() {
        return registry.labels();
    }

    /**
     * @return whether {@link #close()} has been called
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Adds a label while the instance is in use, as {@link ConnectionPool#addLabel(String, Object)}
     * does for the static facade: validated exactly as {@link #create(Map)} validates each label, and
     * atomic (when it fails, nothing of the label is left: no pool, no thread, no XA registration).
     * A lazy label (the default) opens nothing until its first session.
     *
     * <pre>{@code
     * db.addLabel("tenant_7", Map.of("engine", "postgresql", "host", "db7.internal", "db", "shop",
     *                                "user", "shop", "password", secret));
     * try (Session s = db.session("tenant_7")) { ... }
     * }</pre>
     *
     * <p>Thread-safety: thread-safe. Sessions never wait for it, on any label; label changes
     * (add, remove, replace) are serialised with each other, and a label with {@code lazy: false}
     * holds the others' changes while its first connection opens.
     *
     * @param label  the new label
     * @param config a {@link DatabaseConfig} for that label, or a map of the keys
     *               {@link DatabaseConfig#fromMap} reads
     * @throws ConfigurationException naming label and key when the configuration is invalid, or when
     *     the label is configured already (change it with {@link #replaceLabel(String, Object)})
     * @throws ConnectionFailedException when the label has {@code lazy: false} and cannot connect
     * @throws PoolClosedException when this instance is closed
     */
    public void addLabel(String label, Object config) {
        open(label).add(label, config);
        changeLog().info("Multidb added label '{}'", label);
    }

    /**
     * Removes a label, giving sessions that hold one of its connections {@link #DEFAULT_CLOSE_GRACE}
     * to finish; see {@link #removeLabel(String, Duration)}.
     *
     * @param label a configured label
     * @throws UnknownLabelException when the label is not configured
     * @throws PoolClosedException when this instance is closed
     */
    public void removeLabel(String label) {
        removeLabel(label, DEFAULT_CLOSE_GRACE);
    }

    /**
     * Removes a label while the instance is in use. New sessions on it get
     * {@link UnknownLabelException} at once; sessions that hold one of its connections get
     * {@code grace} to finish, then its pools are closed as {@link #close(Duration)} closes them (a
     * session still holding a connection then fails with {@link PoolClosedException}, its
     * uncommitted work discarded). A session opened before the removal may still borrow while others
     * hold connections; one that borrows only after they have all come back is refused with
     * {@link PoolClosedException}, telling it to open a new session. Returns once the pools are
     * closed.
     *
     * <pre>{@code
     * db.removeLabel("tenant_7", Duration.ofSeconds(30));   // the tenant left
     * }</pre>
     *
     * <p>Thread-safety: thread-safe. Sessions on other labels never wait for it; the wait for the
     * label's sessions holds no lock, so other label changes go on meanwhile. Sessions of the calling
     * thread are not waited for (they cannot finish while it waits here).
     *
     * @param label a configured label
     * @param grace how long to wait for sessions that hold one of its connections
     * @throws UnknownLabelException when the label is not configured
     * @throws PoolClosedException when this instance is closed
     */
    public void removeLabel(String label, Duration grace) {
        boolean busy = open(label).remove(label, grace);
        changeLog().info("Multidb removed label '{}'", label);
        if (busy) {
            changeLog().warn("Removed label '{}' with sessions still in use (grace {} ms); their connections were"
                    + " closed", label, grace.toMillis());
        }
    }

    /**
     * Replaces a label's configuration, giving sessions of the old pool {@link #DEFAULT_CLOSE_GRACE}
     * to finish; see {@link #replaceLabel(String, Object, Duration)}.
     *
     * @param label  a configured label
     * @param config its new configuration
     * @throws UnknownLabelException when the label is not configured
     * @throws ConfigurationException naming label and key when the configuration is invalid
     * @throws PoolClosedException when this instance is closed
     */
    public void replaceLabel(String label, Object config) {
        replaceLabel(label, config, DEFAULT_CLOSE_GRACE);
    }

    /**
     * Replaces a label's configuration (a moved database, a rotated password, a bigger pool) as one
     * step: the new configuration is validated and its pools made (opened, when not lazy) first; then
     * every new session gets the new pool at once, while sessions that hold a connection of the old
     * pool get {@code grace} to finish on it, after which the old pool is closed as
     * {@link #removeLabel(String, Duration)} closes it. If the new configuration is invalid or cannot
     * connect, the label keeps its old one and nothing new is left. Returns once the old pool is
     * closed. An H2 in-memory database named by Multidb ({@code db: ":memory:"}) is handed over when
     * the new configuration names the same one.
     *
     * <pre>{@code
     * db.replaceLabel("tenant_7", Map.of("engine", "postgresql", "host", "db7-new.internal", "db", "shop",
     *                                    "user", "shop", "password", rotated), Duration.ofSeconds(30));
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
     * @throws PoolClosedException when this instance is closed
     */
    public void replaceLabel(String label, Object config, Duration grace) {
        boolean busy = open(label).replace(label, config, grace);
        changeLog().info("Multidb replaced the configuration of label '{}'", label);
        if (busy) {
            changeLog().warn("Replaced label '{}' with sessions still in use on its old pool (grace {} ms); their"
                    + " connections were closed", label, grace.toMillis());
        }
    }

    /**
     * Caps the number of underlying pools this instance keeps open ({@code max_open_pools}), for
     * many tenants of which few are active at a time. Each label has up to two underlying pools, its
     * own and that of its read-only sessions, and each counts as one (XA labels' own pools are not
     * counted: they are never closed while the label is configured). When a pool is about to open
     * and the cap is reached, the least recently used pool that is idle (no connection lent, nobody
     * waiting for one) is closed first, exactly as {@code pool_idle_timeout} closes it: its label
     * stays configured and its next session opens it again. When no open pool is idle, the new one
     * opens anyway and one INFO line says so: the cap is a target, never a reason to fail or delay a
     * session. 0 (the default) sets no cap.
     *
     * <pre>{@code
     * MultiDb db = MultiDb.create(tenantConfigs);   // 1,000 tenant labels, lazy
     * db.setMaxOpenPools(50);                       // at most 50 HikariCP pools while they are idle
     * }</pre>
     *
     * <p>The cap applies from the next pool that opens: pools already open over a lower cap are
     * closed as others open. Recency is tracked without cost to the borrow path: a pool counts as
     * used at the moments the idle check or an eviction finds it was used since it last looked.
     *
     * <p>Thread-safety: thread-safe; may be called at any time, also while sessions run.
     *
     * @param max the most underlying pools to keep open, or 0 for no cap
     * @throws IllegalArgumentException when {@code max} is negative
     * @throws PoolClosedException when this instance is closed
     */
    public void setMaxOpenPools(int max) {
        if (closed) {
            throw new PoolClosedException(null, "This Multidb instance is closed: " + lifecycle.closeCall()
                    + " has been called, so it takes no max_open_pools");
        }
        registry.maxOpenPools(max);
        changeLog().info("Multidb max_open_pools set to {}", max == 0 ? "0 (no cap)" : String.valueOf(max));
    }

    /**
     * @return the cap set by {@link #setMaxOpenPools(int)}, 0 when there is none
     */
    public int maxOpenPools() {
        return registry.maxOpenPools();
    }

    /**
     * Gives this instance a {@link LabelSource} with the default cache times; see
     * {@link #setLabelSource(LabelSourceSettings)}.
     *
     * <pre>{@code
     * MultiDb db = MultiDb.create(Map.of("catalog", catalogConfig));
     * db.setLabelSource(CatalogLabelSource.builder(db, "catalog").build());
     * try (Session s = db.session("acme")) { ... }   // acme's row is read on this first use
     * }</pre>
     *
     * <p>Thread-safety: thread-safe, as {@link #setLabelSource(LabelSourceSettings)}.
     *
     * @param source where labels that are not configured are looked up
     * @throws PoolClosedException when this instance is closed
     */
    public void setLabelSource(LabelSource source) {
        setLabelSource(LabelSourceSettings.of(source));
    }

    /**
     * Gives this instance a {@link LabelSource}: a session (or unit of work, or data source) on a
     * label that is not configured asks the source for it, and the label found is added as
     * {@link #addLabel(String, Object)} adds it, then used. Labels that are configured never reach
     * the source, so their sessions cost what they cost without one; {@link #create(Map)} and
     * {@link #stats(String)} never ask it.
     *
     * <ul>
     *   <li>One look-up per label however many threads ask for it at once: the first asks the source,
     *       the others wait for its answer (up to {@link LabelSourceSettings#waitTime()}). If the
     *       application adds the label meanwhile, its configuration wins.</li>
     *   <li>A label the source does not have gets {@link UnknownLabelException}, never another
     *       database, and is remembered as unknown for {@link LabelSourceSettings#missCacheTime()}:
     *       a storm of requests for an unknown tenant asks the source once per period.</li>
     *   <li>A source that throws, or a configuration that does not validate or cannot be opened,
     *       fails that label's sessions only ({@link LabelSourceException}, or
     *       {@link ConfigurationException} naming label and key), and is remembered for
     *       {@link LabelSourceSettings#failureCacheTime()}.</li>
     *   <li>Changes the source reports ({@link LabelSource#onChange}, such as a
     *       {@link CatalogLabelSource#reload()}) apply to the labels this instance has: a changed
     *       label is looked up again and replaced as {@link #replaceLabel(String, Object)} replaces
     *       it (nothing happens when its configuration is equal), or removed when the source no
     *       longer has it or fails on it; a removed label is removed as {@link #removeLabel(String)}
     *       removes it; both forget a remembered miss. They are applied one label after another on
     *       the thread that reports them, each waiting for its old pool to drain (up to
     *       {@link #DEFAULT_CLOSE_GRACE}).</li>
     * </ul>
     *
     * <p>A second call replaces the source (and forgets what the first one answered); labels added
     * from the first stay. {@link #close()} unsubscribes from the source.
     *
     * <pre>{@code
     * MultiDb db = MultiDb.create(Map.of("catalog", catalogConfig));
     * CatalogLabelSource tenants = CatalogLabelSource.builder(db, "catalog")
     *         .secretResolver(FernetSecretResolver.fromEnvironment("MULTIDB_CATALOG_KEY")).build();
     * db.setLabelSource(LabelSourceSettings.of(tenants).withMissCacheTime(Duration.ofMinutes(1)));
     * tenants.startRefreshing(Duration.ofMinutes(1), scheduler);   // row changes reach open tenants
     * try (Session s = db.session(tenantOf(request))) { ... }
     * }</pre>
     *
     * <p>Thread-safety: thread-safe; serialised with {@link #close()}. Sessions asking for other
     * labels never wait for a look-up.
     *
     * @param settings the source and its cache times
     * @throws PoolClosedException when this instance is closed
     */
    public void setLabelSource(LabelSourceSettings settings) {
        Objects.requireNonNull(settings, "settings");
        closing.lock();
        try {
            if (closed) {
                throw new PoolClosedException(null, "This Multidb instance is closed: " + lifecycle.closeCall()
                        + " has been called, so it takes no label source");
            }
            SourcedLabels sourced = new SourcedLabels(settings.source(), registry, settings.missCacheTime(),
                    settings.failureCacheTime(), settings.waitTime(), settings.nanoTime());
            LabelSource.Subscription subscription = settings.source().onChange(c -> sourceChanged(sourced, c));
            registry.useSource(sourced);
            if (sourceSubscription != null) {
                sourceSubscription.close();
            }
            sourceSubscription = subscription;
            changeLog().info("Multidb looks up labels that are not configured in {}", settings);
        } finally {
            closing.unlock();
        }
    }

    /** Applies changes a source reported, if it is still this instance's source. */
    private void sourceChanged(SourcedLabels from, LabelSource.Changes changes) {
        for (String label : changes.removed()) {
            from.forget(label);
            if (!closed && registry.config(label).isPresent()) {
                apply(label, "removed", () -> removeLabel(label));
            }
        }
        for (String label : changes.changed()) {
            from.forget(label);
            Optional<DatabaseConfig> current = registry.config(label);
            if (closed || current.isEmpty()) {
                continue;
            }
            Optional<DatabaseConfig> found;
            try {
                found = from.source().find(label);
            } catch (RuntimeException e) {
                changeLog().warn("Label '{}' changed in its label source, and looking it up again failed ({});"
                        + " removing it, so that its sessions get the source's error", label, describe(e));
                apply(label, "removed", () -> removeLabel(label));
                continue;
            }
            if (found == null || found.isEmpty()) {
                apply(label, "removed", () -> removeLabel(label));
            } else if (!found.get().equals(current.get())) {
                DatabaseConfig next = found.get();
                if (!apply(label, "replaced", () -> replaceLabel(label, next))) {
                    apply(label, "removed", () -> removeLabel(label));
                }
            }
        }
    }

    /** Runs one change; a failure (the label changed meanwhile, or a pool would not open) is logged. */
    private boolean apply(String label, String change, Runnable run) {
        try {
            run.run();
            return true;
        } catch (UnknownLabelException e) {
            return true; // removed meanwhile: nothing left to change
        } catch (RuntimeException e) {
            changeLog().warn("Label '{}' could not be {} after a change in its label source: {}", label, change,
                    describe(e));
            return false;
        }
    }

    /** A Multidb exception's message is scrubbed of passwords; another's may not be, and only its class is told. */
    private static String describe(RuntimeException e) {
        return e instanceof MultiDbException ? e.getMessage() : e.getClass().getName();
    }

    /** Label changes of the facade's instance log as {@code ConnectionPool}, as its other changes do. */
    private Logger changeLog() {
        return lifecycle == Lifecycle.STATIC_FACADE ? LoggerFactory.getLogger(ConnectionPool.class) : LOG;
    }

    /**
     * Opens a session on the label in scope ({@link LabelScope}), as {@link DatabaseManager#getSession()}
     * does.
     *
     * <pre>{@code
     * try (LabelScope scope = LabelScope.open(tenantOf(request)); Session s = db.session()) {
     *     ...
     * }
     * }</pre>
     *
     * <p>Thread-safety: thread-safe; reads the calling thread's scope.
     *
     * @return a session to close (try-with-resources)
     * @throws NoLabelInScopeException when no label is in scope on the calling thread
     * @throws UnknownLabelException when the label in scope is not one of this instance's
     * @throws PoolClosedException when this instance is closed
     */
    public Session session() {
        return session(LabelScope.required("MultiDb.session()"));
    }

    /**
     * Opens a read-only session on the label in scope ({@link LabelScope}), as
     * {@link DatabaseManager#getReadSession()} does.
     *
     * <p>Thread-safety: thread-safe; reads the calling thread's scope.
     *
     * @return a read-only session to close (try-with-resources)
     * @throws NoLabelInScopeException when no label is in scope on the calling thread
     * @throws UnknownLabelException when the label in scope is not one of this instance's
     * @throws PoolClosedException when this instance is closed
     */
    public Session readSession() {
        return readSession(LabelScope.required("MultiDb.readSession()"));
    }

    /**
     * Opens a session on a label, as {@link DatabaseManager#getSession(String)} does. Costs no
     * connection until the session is used.
     *
     * @param label a label of this instance
     * @return a session to close (try-with-resources)
     * @throws UnknownLabelException when the label is not one of this instance's
     * @throws PoolClosedException when this instance is closed
     */
    public Session session(String label) {
        return new SessionImpl(open(label).pool(label), false);
    }

    /**
     * Opens a read-only session on a label, as {@link DatabaseManager#getReadSession(String)} does:
     * auto-commit on, a read-only connection from the label's pool of read-only sessions.
     *
     * @param label a label of this instance
     * @return a read-only session to close (try-with-resources)
     * @throws UnknownLabelException when the label is not one of this instance's
     * @throws PoolClosedException when this instance is closed
     */
    public Session readSession(String label) {
        return new SessionImpl(open(label).readPool(label), false);
    }

    /**
     * Runs reads on a read-only session (see {@link #readSession(String)}) and closes it.
     *
     * @param label a label of this instance
     * @param work  the reads
     * @param <R>   what the work returns
     * @param <X>   the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw
     */
    public <R, X extends Exception> R read(String label, SessionCallback<R, X> work) throws X {
        try (Session s = readSession(label)) {
            return work.apply(s);
        }
    }

    /**
     * Runs work in one local transaction on a label, as
     * {@link DatabaseManager#inTransaction(String, SessionCallback)} does.
     *
     * @param label a label of this instance
     * @param work  the work; commits when it returns, rolls back when it throws
     * @param <R>   what the work returns
     * @param <X>   the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after rollback
     */
    public <R, X extends Exception> R inTransaction(String label, SessionCallback<R, X> work) throws X {
        return Transactions.inTransaction(open(label), label, work);
    }

    /**
     * Runs work over several labels as one unit in {@link TransactionMode#AUTO}, as
     * {@link DatabaseManager#inTransaction(Collection, UnitOfWorkCallback)} does.
     *
     * @param labels labels of this instance, in commit order
     * @param work   the work
     * @param <R>    what the work returns
     * @param <X>    the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     */
    public <R, X extends Exception> R inTransaction(Collection<String> labels, UnitOfWorkCallback<R, X> work)
            throws X {
        return inTransaction(TransactionMode.AUTO, labels, work);
    }

    /**
     * Runs work over several labels as one unit in the given mode, as
     * {@link DatabaseManager#inTransaction(TransactionMode, Collection, UnitOfWorkCallback)} does.
     *
     * @param mode   how to commit
     * @param labels labels of this instance, in commit order
     * @param work   the work
     * @param <R>    what the work returns
     * @param <X>    the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws PartialCommitException in {@code BEST_EFFORT} mode when a commit failed after others
     *     succeeded
     * @throws ConfigurationException when the mode needs XA and a label is not XA-capable
     */
    public <R, X extends Exception> R inTransaction(TransactionMode mode, Collection<String> labels,
            UnitOfWorkCallback<R, X> work) throws X {
        return inTransaction(mode, null, labels, work);
    }

    /**
     * Runs work over several labels as one unit in the given mode, with a transaction timeout, as
     * {@link DatabaseManager#inTransaction(TransactionMode, Duration, Collection, UnitOfWorkCallback)}
     * does: an XA unit of work still running after {@code timeout} is rolled back on every database
     * by the transaction manager, and ends with an exception (nothing is committed).
     *
     * <pre>{@code
     * db.inTransaction(TransactionMode.XA, Duration.ofSeconds(5), List.of("orders", "ledger"), u -> {
     *     u.session("orders").execute("update orders set state = 'paid' where id = ?", 42);
     *     u.session("ledger").execute("insert into entries(order_id, amount) values (?, ?)", 42, 990);
     *     return null;
     * });
     * }</pre>
     *
     * @param mode    how to commit
     * @param timeout how long the XA transaction may run: whole seconds, at least one, as JTA's
     *                {@code setTransactionTimeout} and Spring's {@code TransactionTemplate.setTimeout}
     *                take it; {@code null} for the XA provider's default (with
     *                {@code multidb-jta-support}, {@code JtaSettings.defaultTransactionTimeout()})
     * @param labels  labels of this instance, in commit order
     * @param work    the work
     * @param <R>     what the work returns
     * @param <X>     the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     * @throws IllegalArgumentException when the timeout is not a whole number of seconds of at least
     *     one, or is given for a unit of work that does not run under XA ({@code BEST_EFFORT}, or one
     *     label under {@code AUTO}): there is no transaction manager to enforce it there, and it is
     *     refused rather than ignored
     * @throws ConfigurationException when the mode needs XA and a label is not XA-capable
     */
    public <R, X extends Exception> R inTransaction(TransactionMode mode, Duration timeout,
            Collection<String> labels, UnitOfWorkCallback<R, X> work) throws X {
        String first = labels == null || labels.isEmpty() ? null : labels.iterator().next();
        return Transactions.inTransaction(open(first), mode, timeout, labels, work);
    }

    /**
     * A standard {@link DataSource} over a label's pool, as {@link ConnectionPool#dataSource(String)}
     * gives: auto-commit on, {@code getConnection(user, password)} not supported.
     *
     * @param label a label of this instance
     * @return the data source; it stops handing out connections when this instance is closed
     * @throws UnknownLabelException when the label is not one of this instance's
     * @throws PoolClosedException when this instance is closed
     */
    public DataSource dataSource(String label) {
        return new LabelDataSource(open(label).pool(label));
    }

    /**
     * A standard {@link DataSource} over the pool of a label's read-only sessions, as
     * {@link ConnectionPool#readDataSource(String)} gives.
     *
     * @param label a label of this instance
     * @return the data source; it stops handing out connections when this instance is closed
     * @throws UnknownLabelException when the label is not one of this instance's
     * @throws PoolClosedException when this instance is closed
     */
    public DataSource readDataSource(String label) {
        return new LabelDataSource(open(label).readPool(label));
    }

    /**
     * @param label a label of this instance
     * @return a snapshot of its pool (no connections once closed)
     * @throws UnknownLabelException when the label is not one of this instance's
     */
    public PoolStats stats(String label) {
        return registry.configuredPool(label).stats();
    }

    /**
     * @param label a label of this instance
     * @return a snapshot of the pool of its read-only sessions (no connections once closed)
     * @throws UnknownLabelException when the label is not one of this instance's
     */
    public PoolStats readStats(String label) {
        return registry.configuredReadPool(label).stats();
    }

    /**
     * Counts the sessions open on a label (its read-only sessions included) that have not been
     * closed, lazy ones that never borrowed a connection included: what a leak check after a test
     * needs (the test kit's {@code LeakCheck}). Sessions are counted only for a label whose
     * {@code leak_detection_threshold} is set, since only those are watched; sessions of a unit of
     * work are closed by it and not counted.
     *
     * <pre>{@code
     * assert db.openSessions("orders").orElse(0) == 0 : "a session on 'orders' was left open";
     * }</pre>
     *
     * @param label a label of this instance
     * @return the number of open sessions, or empty when the label has no
     *     {@code leak_detection_threshold} and its sessions are not counted
     * @throws UnknownLabelException when the label is not one of this instance's
     */
    public OptionalInt openSessions(String label) {
        LabelPool pool = registry.configuredPool(label);
        if (pool.config().leakDetectionThreshold().isZero()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(pool.watchedSessions().intValue()
                + registry.configuredReadPool(label).watchedSessions().intValue());
    }

    /**
     * Closes every pool of this instance, giving sessions in use {@link #DEFAULT_CLOSE_GRACE} to
     * finish. Idempotent.
     */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_GRACE);
    }

    /**
     * Closes every pool of this instance: new sessions are refused at once, sessions in use get
     * {@code grace} to finish, then every connection is closed (those sessions then fail with
     * {@link PoolClosedException}). Idempotent; other instances are not touched.
     *
     * @param grace how long to wait for sessions in use before closing their connections
     * @throws IllegalStateException on the instance of the static facade
     *     ({@link ConnectionPool#instance()}): {@link ConnectionPool#closeAllConnections()} closes it
     */
    public void close(Duration grace) {
        if (lifecycle == Lifecycle.STATIC_FACADE) {
            throw new IllegalStateException("This MultiDb is ConnectionPool's instance (labels " + labels() + "):"
                    + " close it with ConnectionPool.closeAllConnections(), so that the facade knows");
        }
        shutDown(grace, LOG);
    }

    /**
     * @param grace how long to wait for sessions in use
     * @param log   where the WARN about busy labels and the closing INFO go (the facade logs as
     *              {@code ConnectionPool}, as it always has)
     */
    void shutDown(Duration grace, Logger log) {
        closing.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            registry.useSource(null);
            if (sourceSubscription != null) {
                sourceSubscription.close();
                sourceSubscription = null;
            }
            List<String> busy = registry.close(grace);
            if (!busy.isEmpty()) {
                log.warn("Closed labels {} with sessions still in use (grace {} ms); their connections were closed",
                        busy, grace.toMillis());
            }
            log.info("Multidb closed labels {}", registry.labels());
        } finally {
            closing.unlock();
        }
    }

    /** The registry, unless this instance is closed: then new work on {@code label} is refused. */
    private Registry open(String label) {
        if (closed) {
            throw new PoolClosedException(label, lifecycle.closedMessage(label));
        }
        return registry;
    }

    @Override
    public String toString() {
        return "MultiDb{labels=" + registry.labels() + (closed ? ", closed" : "") + "}";
    }
}
