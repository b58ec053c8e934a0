package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.UnknownLabelException;
import io.multidb.connection.spi.XaProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pools of one {@code MultiDb} instance (made by {@code MultiDb.create(...)} or
 * {@code ConnectionPool.configure(...)}), by label.
 *
 * <p>Labels come and go at runtime ({@link #add}, {@link #remove}, {@link #replace}): the labels and
 * their pools are an immutable snapshot, replaced as a whole by a volatile write, so that a session's
 * lookup is one volatile read and one map lookup and never waits for a change. Changes are serialised
 * with each other and with {@link #close} by a lock; the wait for sessions still using a removed or
 * replaced pool happens outside it.
 */
public final class Registry {
    private static final String XA_ARTIFACT = "io.multidb:multidb-jta-support";

    /** A label's two pools and its registration with the XA provider ({@code null} for other labels). */
    private record Label(LabelPool pool, LabelPool readPool, XaRegistration xa) {
    }

    /** The labels at one moment: never changed once published. */
    private record Snapshot(Map<String, Label> byLabel, Set<String> labels) {
        static Snapshot of(Map<String, Label> byLabel) {
            return new Snapshot(Collections.unmodifiableMap(byLabel),
                    Collections.unmodifiableSet(new TreeSet<>(byLabel.keySet())));
        }
    }

    private final Lifecycle lifecycle;
    private volatile Snapshot snapshot;
    /**
     * Serialises label changes and close. A lock rather than a monitor: adding a label that is not
     * lazy opens its first connection while holding it, and a virtual thread blocked on a monitor
     * held across I/O pins its carrier on JDK 21 to 23.
     */
    private final ReentrantLock changes = new ReentrantLock();
    /** Set under {@code changes} by {@link #close}; no label changes afterwards. */
    private boolean closed;
    /** Where labels that are not configured are looked up, or {@code null}: consulted only on a miss. */
    private volatile SourcedLabels source;
    /** Removed or replaced labels whose pools are still draining: {@link #close} closes them too. */
    private final Set<Label> retiring = ConcurrentHashMap.newKeySet();

    /** The underlying pools open now, over every label, and the cap on them. */
    private final OpenPools openPools;

    private Registry(Lifecycle lifecycle, OpenPools openPools, Map<String, Label> labels) {
        this.lifecycle = lifecycle;
        this.openPools = openPools;
        this.snapshot = Snapshot.of(labels);
    }

    /**
     * Validates every configuration, then creates the pools (opening those that are not lazy). Any
     * failure closes whatever was created and leaves nothing behind.
     *
     * @param configs   label to {@link DatabaseConfig} or to a map of settings
     * @param lifecycle the API that creates and closes these pools, named in error messages
     * @return the registry
     */
    public static Registry create(Map<String, ?> configs, Lifecycle lifecycle) {
        OpenPools openPools = new OpenPools();
        return new Registry(lifecycle, openPools, build(parse(configs, lifecycle.createCall()), lifecycle,
                openPools, lifecycle.createCall()));
    }

    /**
     * Validates the configurations as {@code configure} does, registers the XA labels with the
     * provider, creates the pools and opens those that are not lazy. Any failure closes whatever was
     * created, registrations included, and leaves nothing behind.
     */
    private static Map<String, Label> build(Map<String, DatabaseConfig> parsed, Lifecycle lifecycle,
            OpenPools openPools, String call) {
        checkDrivers(parsed);
        XaProvider xa = xaProviderFor(parsed, call);
        Map<String, Label> labels = new LinkedHashMap<>();
        try {
            for (DatabaseConfig c : parsed.values()) {
                // registered one label at a time, so that a label removed later takes only itself out
                XaRegistration registration = c.xa() ? new XaRegistration(xa.labelsOpened(List.of(c))) : null;
                try {
                    labels.put(c.label(), new Label(c.xa() ? new XaLabelPool(c, xa, lifecycle, openPools)
                            : new HikariLabelPool(c, lifecycle, openPools),
                            HikariLabelPool.forReads(c, lifecycle, openPools),
                            registration));
                } catch (RuntimeException e) {
                    if (registration != null) {
                        closeQuietly(registration::close, e);
                    }
                    throw e;
                }
            }
            for (Label l : labels.values()) {
                if (!l.pool().config().lazy()) {
                    l.pool().open();
                }
            }
        } catch (RuntimeException e) {
            for (Label l : labels.values()) {
                closeQuietly(l.pool()::close, e);
                closeQuietly(l.readPool()::close, e);
                if (l.xa() != null) {
                    closeQuietly(l.xa()::close, e);
                }
            }
            throw e;
        }
        return labels;
    }

    private static void closeQuietly(Runnable close, RuntimeException failure) {
        try {
            close.run();
        } catch (RuntimeException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    /**
     * Adds a label, validated and opened as {@link #create} does. Atomic: when it fails nothing of
     * the label is left (no pool, no thread, no XA registration).
     *
     * @param label  the new label
     * @param config a {@link DatabaseConfig} or a map of settings
     * @throws ConfigurationException when the label is configured already, or its configuration is
     *     invalid
     * @throws io.multidb.connection.PoolClosedException when the instance is closed
     */
    public void add(String label, Object config) {
        String call = lifecycle.call("addLabel");
        DatabaseConfig parsed = parseOne(label, config, call);
        changes.lock();
        try {
            checkOpen(label);
            if (snapshot.byLabel().containsKey(label)) {
                throw new ConfigurationException(label, "label", "Database '" + label + "' is already configured; use "
                        + lifecycle.call("replaceLabel") + " to change its configuration, or "
                        + lifecycle.call("removeLabel") + " first");
            }
            Label added = build(Map.of(label, parsed), lifecycle, openPools, call).get(label);
            Map<String, Label> next = new LinkedHashMap<>(snapshot.byLabel());
            next.put(label, added);
            snapshot = Snapshot.of(next);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Adds a label found by the label source, unless the application added it meanwhile (then its
     * configuration wins, and no second pool is made).
     *
     * @param label  the label
     * @param config its configuration
     * @return whether it was added here
     * @throws ConfigurationException when the configuration is invalid
     * @throws io.multidb.connection.PoolClosedException when the instance is closed
     */
    boolean addIfAbsent(String label, DatabaseConfig config) {
        String call = lifecycle.call("addLabel");
        DatabaseConfig parsed = parseOne(label, config, call);
        changes.lock();
        try {
            checkOpen(label);
            if (snapshot.byLabel().containsKey(label)) {
                return false;
            }
            Label added = build(Map.of(label, parsed), lifecycle, openPools, call).get(label);
            Map<String, Label> next = new LinkedHashMap<>(snapshot.byLabel());
            next.put(label, added);
            snapshot = Snapshot.of(next);
            return true;
        } finally {
            changes.unlock();
        }
    }

    /**
     * Sets the cap on open underlying pools ({@code max_open_pools}); it applies from the next pool
     * that opens.
     *
     * @param max the cap, 0 for none
     * @throws IllegalArgumentException when {@code max} is negative
     */
    public void maxOpenPools(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max_open_pools must be 0 (no cap) or positive, but is " + max);
        }
        openPools.max(max);
    }

    /** @return the cap on open underlying pools, 0 for none */
    public int maxOpenPools() {
        return openPools.max();
    }

    /** @return how many underlying pools are open now, over every label (read pools included, XA pools not) */
    public int openPools() {
        return openPools.count();
    }

    /**
     * Sets where labels that are not configured are looked up; {@code null} for nowhere.
     *
     * @param source the look-ups, made for this registry
     * @return the previous one, or {@code null}
     */
    public SourcedLabels useSource(SourcedLabels source) {
        changes.lock();
        try {
            SourcedLabels previous = this.source;
            this.source = source;
            return previous;
        } finally {
            changes.unlock();
        }
    }

    /**
     * @param label a label
     * @return its configuration, when it is configured now
     */
    public Optional<DatabaseConfig> config(String label) {
        Label l = snapshot.byLabel().get(label);
        return l == null ? Optional.empty() : Optional.of(l.pool().config());
    }

    /**
     * Replaces a label's configuration: the new pools are built (and opened, when not lazy) first,
     * then new sessions get them at once; sessions that hold a connection of the old pool get
     * {@code grace} to finish, then the old pool is closed. When building the new pools fails, the
     * label keeps its old configuration and nothing new is left.
     *
     * @param label  a configured label
     * @param config its new configuration
     * @param grace  how long to wait for sessions using the old pool
     * @return whether sessions still held connections of the old pool when it was closed
     * @throws UnknownLabelException when the label is not configured
     */
    public boolean replace(String label, Object config, Duration grace) {
        String call = lifecycle.call("replaceLabel");
        DatabaseConfig parsed = parseOne(label, config, call);
        Label old;
        changes.lock();
        try {
            checkOpen(label);
            old = entry(label);
            Label added = build(Map.of(label, parsed), lifecycle, openPools, call).get(label);
            Map<String, Label> next = new LinkedHashMap<>(snapshot.byLabel());
            next.put(label, added);
            snapshot = Snapshot.of(next);
            retire(old, call);
        } finally {
            changes.unlock();
        }
        return drain(old, grace);
    }

    /**
     * Removes a label: new sessions get {@link UnknownLabelException} at once; sessions that hold a
     * connection get {@code grace} to finish, then its pools are closed.
     *
     * @param label a configured label
     * @param grace how long to wait for sessions using its pools
     * @return whether sessions still held connections when the pools were closed
     * @throws UnknownLabelException when the label is not configured
     */
    public boolean remove(String label, Duration grace) {
        Label old;
        changes.lock();
        try {
            checkOpen(label);
            old = entry(label);
            Map<String, Label> next = new LinkedHashMap<>(snapshot.byLabel());
            next.remove(label);
            snapshot = Snapshot.of(next);
            retire(old, lifecycle.call("removeLabel"));
        } finally {
            changes.unlock();
        }
        return drain(old, grace);
    }

    private void checkOpen(String label) {
        if (closed) {
            throw new io.multidb.connection.PoolClosedException(label, lifecycle.closedMessage(label));
        }
    }

    private void retire(Label old, String call) {
        old.pool().retire(call);
        old.readPool().retire(call);
        retiring.add(old);
    }

    /**
     * Waits for the connections of a retired label to come back (those held by the calling thread
     * cannot, and are not waited for), then closes its pools and its XA registration. While it waits
     * the pools still lend, so that a session that was opened before the change and had not yet
     * borrowed finishes too; once none is lent they stop. The H2 in-memory database the label owns
     * is ended unless the label, replaced, goes on using it.
     *
     * @return whether connections were still lent out when the pools were closed
     */
    private boolean drain(Label old, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (busy(old, true) && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            sleepBriefly();
        }
        old.pool().stopLending();
        old.readPool().stopLending();
        // a borrow that began before lending stopped is waited for as well, within the grace
        while (busy(old, true) && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            sleepBriefly();
        }
        boolean busy = busy(old, false);
        DatabaseConfig config = old.pool().config();
        Label now = snapshot.byLabel().get(config.label());
        boolean endDatabase = now == null || !config.ownsInMemoryDatabase()
                || !now.pool().config().ownsInMemoryDatabase() || !now.pool().config().url().equals(config.url());
        try {
            closeAll(List.of(old), endDatabase);
        } finally {
            retiring.remove(old);
        }
        return busy;
    }

    private static boolean busy(Label l, boolean othersOnly) {
        return l.pool().stats().active() > (othersOnly ? l.pool().heldByCurrentThread() : 0)
                || l.readPool().stats().active() > (othersOnly ? l.readPool().heldByCurrentThread() : 0);
    }

    /** Closes the labels' pools, then their XA registrations; the first failure is thrown, the rest suppressed. */
    private static void closeAll(Collection<Label> labels, boolean endInMemoryDatabases) {
        RuntimeException failure = null;
        List<Runnable> closes = new ArrayList<>();
        for (Label l : labels) {
            closes.add(() -> l.pool().close(endInMemoryDatabases));
            closes.add(() -> l.readPool().close(endInMemoryDatabases));
        }
        for (Label l : labels) {
            if (l.xa() != null) {
                closes.add(l.xa()::close);
            }
        }
        for (Runnable close : closes) {
            try {
                close.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The XA provider's registration of one label, closed exactly once (by a removal or the close). */
    private static final class XaRegistration {
        private final XaProvider.Registration registration;
        private final AtomicBoolean closed = new AtomicBoolean();

        XaRegistration(XaProvider.Registration registration) {
            this.registration = registration;
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                registration.close();
            }
        }
    }

    private static Map<String, DatabaseConfig> parse(Map<String, ?> configs, String createCall) {
        if (configs == null) {
            throw new ConfigurationException(null, null, createCall + " needs a map of label to configuration,"
                    + " but got null");
        }
        if (configs.isEmpty()) {
            throw new ConfigurationException(null, null, createCall + " needs at least one label,"
                    + " but the map is empty");
        }
        Map<String, DatabaseConfig> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : configs.entrySet()) {
            parsed.put(e.getKey(), parseOne(e.getKey(), e.getValue(), createCall));
        }
        return parsed;
    }

    private static DatabaseConfig parseOne(String label, Object value, String call) {
        if (label == null) {
            throw new ConfigurationException(null, "label", call + " got a null label");
        }
        if (value instanceof DatabaseConfig c) {
            if (!c.label().equals(label)) {
                throw new ConfigurationException(label, "label", "Database '" + label + "': label is '" + c.label()
                        + "' in its DatabaseConfig but the map key is '" + label + "'; they must be equal");
            }
            return c;
        } else if (value instanceof Map<?, ?> map) {
            return DatabaseConfig.fromMap(label, stringKeys(label, map));
        }
        throw new ConfigurationException(label, null, "Database '" + label + "': the configuration must be a"
                + " DatabaseConfig or a Map, but is " + (value == null ? "null" : value.getClass().getName()));
    }

    private static Map<String, ?> stringKeys(String label, Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ConfigurationException(label, e.getKey() == null ? null : String.valueOf(e.getKey()),
                        "Database '" + label + "': configuration keys must be strings, but one is "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getSimpleName() + " " + e.getKey()));
            }
            out.put(key, e.getValue());
        }
        return out;
    }

    private static void checkDrivers(Map<String, DatabaseConfig> configs) {
        Set<String> checked = new java.util.HashSet<>();
        for (DatabaseConfig c : configs.values()) {
            String driver = c.driverClassName();
            if (checked.add(driver)) {
                try {
                    Class.forName(driver, false, Registry.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    boolean engineDriver = driver.equals(c.engine().driverClassName());
                    throw new ConfigurationException(c.label(), engineDriver ? "engine" : "driver_class", "Database '"
                            + c.label() + "': " + (engineDriver ? "engine " + c.engine().key() + " needs the JDBC driver "
                                    + driver + ", which is not on the class path; add " + c.engine().driverArtifact()
                                    : "driver_class " + driver + " is not on the class path; add the library that"
                                            + " provides it"));
                }
            }
        }
    }

    private static XaProvider xaProviderFor(Map<String, DatabaseConfig> configs, String createCall) {
        List<DatabaseConfig> xaLabels = new ArrayList<>();
        configs.values().stream().filter(DatabaseConfig::xa).forEach(xaLabels::add);
        if (xaLabels.isEmpty()) {
            return null;
        }
        Optional<XaProvider> provider = ServiceLoader.load(XaProvider.class, Registry.class.getClassLoader())
                .findFirst();
        if (provider.isEmpty()) {
            String label = xaLabels.get(0).label();
            throw new ConfigurationException(label, "xa", "Database '" + label + "': xa is true but no XA provider is"
                    + " on the class path: add " + XA_ARTIFACT + " and call JtaSupport.enable(...) before"
                    + " " + createCall);
        }
        xaLabels.forEach(provider.get()::validate);
        return provider.get();
    }

    /**
     * The pool of a label; a label that is not configured is looked up in the label source, when
     * there is one, and added (see {@link SourcedLabels}). A configured label never reaches the source.
     *
     * @param label a label
     * @return its pool
     * @throws UnknownLabelException when the label is not configured (nor in the label source)
     * @throws io.multidb.connection.LabelSourceException when looking it up in the label source failed
     */
    public LabelPool pool(String label) {
        Label l = snapshot.byLabel().get(label);
        return (l == null ? sourced(label) : l).pool();
    }

    /**
     * As {@link #pool}, without asking the label source: for looking at a label (its statistics)
     * rather than using it.
     *
     * @param label a label
     * @return its pool
     * @throws UnknownLabelException when the label is not configured
     */
    public LabelPool configuredPool(String label) {
        return entry(label).pool();
    }

    /**
     * As {@link #readPool}, without asking the label source.
     *
     * @param label a label
     * @return the pool of its read-only sessions
     * @throws UnknownLabelException when the label is not configured
     */
    public LabelPool configuredReadPool(String label) {
        return entry(label).readPool();
    }

    /** A label that missed the snapshot: looked up in the source, when there is one (never for a null label). */
    private Label sourced(String label) {
        SourcedLabels from = source;
        if (from == null || label == null) {
            throw unknown(label, snapshot);
        }
        from.load(label);
        Snapshot now = snapshot;
        Label l = now.byLabel().get(label);
        if (l == null) { // removed again between its addition and this read
            throw unknown(label, now);
        }
        return l;
    }

    /**
     * As {@link #pool}, for the pool of the label's read-only sessions.
     *
     * @param label a label
     * @return the pool of its read-only sessions
     * @throws UnknownLabelException when the label is not configured (nor in the label source)
     * @throws io.multidb.connection.LabelSourceException when looking it up in the label source failed
     */
    public LabelPool readPool(String label) {
        Label l = snapshot.byLabel().get(label);
        return (l == null ? sourced(label) : l).readPool();
    }

    private Label entry(String label) {
        Snapshot now = snapshot;
        Label l = now.byLabel().get(label);
        if (l == null) {
            throw unknown(label, now);
        }
        return l;
    }

    /**
     * @param label a label that is not configured
     * @return the exception for a session on it, listing the labels configured now
     */
    UnknownLabelException unknown(String label) {
        return unknown(label, snapshot);
    }

    private static UnknownLabelException unknown(String label, Snapshot now) {
        return new UnknownLabelException(label, now.labels(), label == null ? null
                : Suggestions.closest(label, now.labels()));
    }

    /**
     * @return the configured labels, sorted: a snapshot, unchanged by later label changes
     */
    public Set<String> labels() {
        return snapshot.labels();
    }

    /**
     * Stops lending, waits up to {@code grace} for borrowed connections to come back, then closes
     * every pool, those of labels still draining after a removal or replacement included. No label
     * changes afterwards. Connections held by sessions of the calling thread are not waited for: they
     * cannot come back while that thread is here. Those sessions fail their next statement, commit or
     * rollback with {@link io.multidb.connection.PoolClosedException}.
     *
     * @param grace how long to wait for sessions in use
     * @return the labels that still had connections lent out when the pools were closed
     */
    public List<String> close(Duration grace) {
        Map<String, Label> open;
        changes.lock();
        try {
            closed = true;
            open = snapshot.byLabel();
        } finally {
            changes.unlock();
        }
        List<Label> all = new ArrayList<>(open.values());
        all.addAll(retiring);
        for (Label l : all) {
            l.pool().stopLending();
            l.readPool().stopLending();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (all.stream().anyMatch(l -> busy(l, true)) && System.nanoTime() - deadline < 0
                && !Thread.currentThread().isInterrupted()) {
            sleepBriefly();
        }
        List<String> busy = new ArrayList<>();
        open.forEach((label, l) -> {
            if (busy(l, false)) {
                busy.add(label);
            }
        });
        closeAll(all, true);
        return busy;
    }

    private static void sleepBriefly() {
        try {
            TimeUnit.MILLISECONDS.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
