package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.UnknownLabelException;
import io.multidb.connection.spi.XaProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The pools of one {@code MultiDb} instance (made by {@code MultiDb.create(...)} or
 * {@code ConnectionPool.configure(...)}), by label. Immutable once built, so lookups need no lock.
 */
public final class Registry {
    private static final String XA_ARTIFACT = "io.multidb:multidb-jta-support";

    private final Map<String, LabelPool> pools;
    /** The pools of read-only sessions, one per label, as lazy as the labels' own. */
    private final Map<String, LabelPool> readPools;
    private final Set<String> labels;
    /** The XA provider's record of this registry's XA labels, or {@code null} when there are none. */
    private final XaProvider.Registration xaRegistration;

    private Registry(Map<String, LabelPool> pools, Map<String, LabelPool> readPools,
            XaProvider.Registration xaRegistration) {
        this.pools = pools;
        this.readPools = readPools;
        this.xaRegistration = xaRegistration;
        this.labels = Collections.unmodifiableSet(new TreeSet<>(pools.keySet()));
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
        Map<String, DatabaseConfig> parsed = parse(configs, lifecycle.createCall());
        checkDrivers(parsed);
        XaProvider xa = xaProviderFor(parsed, lifecycle.createCall());
        XaProvider.Registration xaRegistration = xa == null ? null
                : xa.labelsOpened(parsed.values().stream().filter(DatabaseConfig::xa).toList());
        Map<String, LabelPool> pools = new LinkedHashMap<>();
        Map<String, LabelPool> readPools = new LinkedHashMap<>();
        try {
            for (DatabaseConfig c : parsed.values()) {
                pools.put(c.label(), c.xa() ? new XaLabelPool(c, xa, lifecycle)
                        : new HikariLabelPool(c, lifecycle));
                readPools.put(c.label(), HikariLabelPool.forReads(c, lifecycle));
            }
            for (LabelPool p : pools.values()) {
                if (!p.config().lazy()) {
                    p.open();
                }
            }
        } catch (RuntimeException e) {
            for (LabelPool p : pools.values()) {
                try {
                    p.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            if (xaRegistration != null) {
                try {
                    xaRegistration.close();
                } catch (RuntimeException closeFailure) {
                    e.addSuppressed(closeFailure);
                }
            }
            throw e;
        }
        return new Registry(Collections.unmodifiableMap(pools), Collections.unmodifiableMap(readPools),
                xaRegistration);
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
            String label = e.getKey();
            Object value = e.getValue();
            if (label == null) {
                throw new ConfigurationException(null, "label", createCall + " got a null label");
            }
            if (value instanceof DatabaseConfig c) {
                if (!c.label().equals(label)) {
                    throw new ConfigurationException(label, "label", "Database '" + label + "': label is '" + c.label()
                            + "' in its DatabaseConfig but the map key is '" + label + "'; they must be equal");
                }
                parsed.put(label, c);
            } else if (value instanceof Map<?, ?> map) {
                parsed.put(label, DatabaseConfig.fromMap(label, stringKeys(label, map)));
            } else {
                throw new ConfigurationException(label, null, "Database '" + label + "': the configuration must be a"
                        + " DatabaseConfig or a Map, but is " + (value == null ? "null" : value.getClass().getName()));
            }
        }
        return parsed;
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
     * @param label a label
     * @return its pool
     * @throws UnknownLabelException when the label is not configured
     */
    public LabelPool pool(String label) {
        LabelPool p = pools.get(label);
        if (p == null) {
            throw new UnknownLabelException(label, labels, label == null ? null
                    : Suggestions.closest(label, labels));
        }
        return p;
    }

    /**
     * @param label a label
     * @return the pool of its read-only sessions
     * @throws UnknownLabelException when the label is not configured
     */
    public LabelPool readPool(String label) {
        LabelPool p = readPools.get(label);
        if (p == null) {
            pool(label); // throws the usual error
        }
        return p;
    }

    /**
     * @return the configured labels, sorted
     */
    public Set<String> labels() {
        return labels;
    }

    /**
     * Stops lending, waits up to {@code grace} for borrowed connections to come back, then closes
     * every pool. Connections held by sessions of the calling thread are not waited for: they cannot
     * come back while that thread is here. Those sessions fail their next statement, commit or
     * rollback with {@link io.multidb.connection.PoolClosedException}.
     *
     * @param grace how long to wait for sessions in use
     * @return the labels that still had connections lent out when the pools were closed
     */
    public List<String> close(Duration grace) {
        pools.values().forEach(LabelPool::stopLending);
        readPools.values().forEach(LabelPool::stopLending);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!busyLabels(true).isEmpty() && System.nanoTime() - deadline < 0
                && !Thread.currentThread().isInterrupted()) {
            sleepBriefly();
        }
        List<String> busy = busyLabels(false);
        RuntimeException failure = null;
        List<LabelPool> all = new ArrayList<>(pools.values());
        all.addAll(readPools.values());
        for (LabelPool p : all) {
            try {
                p.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (xaRegistration != null) {
            try {
                xaRegistration.close();
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
        return busy;
    }

    /** @param othersOnly leave out connections held by the calling thread's sessions */
    private List<String> busyLabels(boolean othersOnly) {
        List<String> busy = new ArrayList<>();
        pools.forEach((label, p) -> {
            LabelPool reads = readPools.get(label);
            if (p.stats().active() > (othersOnly ? p.heldByCurrentThread() : 0)
                    || reads.stats().active() > (othersOnly ? reads.heldByCurrentThread() : 0)) {
                busy.add(label);
            }
        });
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
