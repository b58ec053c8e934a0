package io.multidb.connection;

import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.catalog.CatalogLayout;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LabelSource} that reads tenants from a table in a catalog database: one row per tenant,
 * the tenant id being the label. The catalog is an ordinary (non-XA) label of a {@link MultiDb} or
 * of the static facade, read through read-only sessions.
 *
 * <p>The table, by default ({@code tenants}; every name can be changed with the builder):
 * <pre>{@code
 * create table tenants (
 *     tenant_id    varchar(64) primary key,  -- the label
 *     engine       varchar(20),              -- postgresql, mariadb, h2, oracle, sqlserver
 *     host         varchar(255),
 *     port         int,
 *     db           varchar(255),
 *     username     varchar(255),             -- "user" is reserved in PostgreSQL
 *     password     varchar(1000),            -- a Fernet token, through the SecretResolver
 *     schema       varchar(255),             -- `schema` (quoted) on MariaDB, where the word is reserved
 *     pool_size    int,
 *     max_overflow int,
 *     pool_timeout decimal(10, 3)            -- seconds
 * )
 * }</pre>
 * Each of these columns is read when the table has it; a NULL leaves the key unset (its default,
 * or the builder's {@link Builder#defaults(Map) defaults}). Columns named with
 * {@link Builder#column(String, String)} must exist. Any other configuration key can be given a
 * column too ({@code pool_recycle}, {@code read_only}, {@code connection_string}, ...); other
 * columns of the table are ignored. Numbers must be stored as numbers and booleans as booleans,
 * as {@link DatabaseConfig#fromMap} reads them.
 *
 * <pre>{@code
 * CatalogLabelSource tenants = CatalogLabelSource.builder(multiDb, "catalog")
 *         .table("tenants")
 *         .column("user", "login")                 // the user name is in column login
 *         .secretResolver(FernetSecretResolver.fromEnvironment("MULTIDB_CATALOG_KEY"))
 *         .defaults(Map.of("pool_size", 2, "max_overflow", 3))
 *         .build();
 *
 * Optional<DatabaseConfig> acme = tenants.find("acme");   // one parameterised query
 * LabelSource.Changes changes = tenants.reload();           // re-reads every row
 * ScheduledFuture<?> refreshing = tenants.startRefreshing(Duration.ofMinutes(1), scheduler);
 * }</pre>
 *
 * <p>{@link #find} reads one row ({@code select * from <table> where <tenant id> = ?}); a tenant
 * id that matches only by the collation's case-insensitivity (MariaDB) is not a match. A row that
 * does not make a valid configuration (an unknown engine, a port that is not a number, a password
 * that does not decrypt) is a {@link ConfigurationException} naming the tenant and the column,
 * never the password. {@link #reload} reads every row, compares with the previous reload
 * ({@link DatabaseConfig#equals} covers every setting, the password too) and reports new, altered
 * and newly invalid tenants as changed, and vanished ones as removed, to its return value and to
 * every {@link #onChange} listener. An invalid row is reported as changed and logged (WARN) when
 * it becomes invalid or its problem changes; it does not stop the reload of the other rows.
 *
 * <p>Thread-safety: thread-safe. {@link #find} holds no lock and may run for many tenants at
 * once; reloads are serialised, and listeners are called in order on the reloading thread.
 */
public final class CatalogLabelSource implements LabelSource {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogLabelSource.class);

    private final String catalogLabel;
    private final CatalogReader reader;
    private final CatalogLayout layout;
    private final List<Consumer<? super Changes>> listeners = new CopyOnWriteArrayList<>();
    /** Serialises reloads: a lock, not a monitor, so that virtual threads do not pin while the catalog answers. */
    private final ReentrantLock reloading = new ReentrantLock();
    /** Tenant → its configuration, or the message of why its row is invalid, as of the last reload; guarded by {@code reloading}. */
    private Map<String, Object> lastReload;

    private CatalogLabelSource(String catalogLabel, CatalogReader reader, CatalogLayout layout) {
        this.catalogLabel = catalogLabel;
        this.reader = reader;
        this.layout = layout;
    }

    /**
     * Starts a catalog read from a label of an instance.
     *
     * @param multiDb      the instance that has the catalog label
     * @param catalogLabel the label of the catalog database (plain, non-XA)
     * @return a builder with the default layout and {@link SecretResolver#plain()}
     */
    public static Builder builder(MultiDb multiDb, String catalogLabel) {
        Objects.requireNonNull(multiDb, "multiDb");
        return new Builder(catalogLabel, (sql, args) -> multiDb.read(catalogLabel, s -> s.query(sql, args)));
    }

    /**
     * Starts a catalog read from a label of the static facade ({@link DatabaseManager#read}), which
     * is looked up on each read, so the source follows a re-{@code configure}.
     *
     * @param catalogLabel the label of the catalog database (plain, non-XA)
     * @return a builder with the default layout and {@link SecretResolver#plain()}
     */
    public static Builder builder(String catalogLabel) {
        return new Builder(catalogLabel, (sql, args) -> DatabaseManager.read(catalogLabel, s -> s.query(sql, args)));
    }

    /**
     * Reads one tenant's row.
     *
     * @param label the tenant id
     * @return the tenant's configuration; empty when the table has no row for it, and for the
     *     catalog's own label (which the catalog cannot describe)
     * @throws ConfigurationException naming the tenant and column when the row is invalid, or when
     *     the tenant has several rows
     * @throws MultiDbException when the catalog cannot be read
     */
    @Override
    public Optional<DatabaseConfig> find(String label) {
        Objects.requireNonNull(label, "label");
        if (label.equals(catalogLabel)) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = reader.query(layout.selectOne(), label).stream()
                .filter(row -> label.equals(layout.tenantId(row))).toList();
        if (rows.size() > 1) {
            throw new ConfigurationException(label, layout.tenantIdColumn(), "Tenant '" + label + "' has "
                    + rows.size() + " rows in catalog table " + layout.table() + " (label '" + catalogLabel
                    + "'); a tenant id must be unique");
        }
        if (rows.isEmpty()) {
            LOG.debug("Catalog '{}': no tenant '{}' in table {}", catalogLabel, label, layout.table());
            return Optional.empty();
        }
        DatabaseConfig config = layout.toConfig(label, rows.get(0));
        LOG.debug("Catalog '{}': tenant '{}' read from table {}", catalogLabel, label, layout.table());
        return Optional.of(config);
    }

    /**
     * Re-reads every row and reports what changed since the previous reload: the first reload
     * reports every tenant as changed. Listeners registered with {@link #onChange} are told too,
     * when something changed.
     *
     * @return the tenants changed (new, altered, newly invalid) and removed
     * @throws MultiDbException when the catalog cannot be read (nothing is reported then, and the
     *     next reload compares with the last one that succeeded)
     */
    public Changes reload() {
        reloading.lock();
        try {
            Map<String, Object> now = readAll();
            Map<String, Object> before = lastReload == null ? Map.of() : lastReload;
            Set<String> changed = new HashSet<>();
            now.forEach((tenant, entry) -> {
                if (!entry.equals(before.get(tenant))) {
                    changed.add(tenant);
                    if (entry instanceof Invalid invalid) { // once per problem, not on every reload
                        LOG.warn("Catalog '{}': {}", catalogLabel, invalid.message());
                    }
                }
            });
            Set<String> removed = new HashSet<>(before.keySet());
            removed.removeAll(now.keySet());
            lastReload = now;
            Changes changes = new Changes(changed, removed);
            LOG.debug("Catalog '{}': reloaded {} tenants from table {}; changed {}, removed {}", catalogLabel,
                    now.size(), layout.table(), changes.changed(), changes.removed());
            if (!changes.isEmpty()) {
                tell(changes);
            }
            return changes;
        } finally {
            reloading.unlock();
        }
    }

    /**
     * @param listener told of the changes each {@link #reload} finds, on the reloading thread; an
     *                 exception it throws is logged and does not reach the reload's caller
     * @return a subscription; closing it unregisters the listener
     */
    @Override
    public Subscription onChange(Consumer<? super Changes> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Reloads at a fixed delay on the caller's scheduler (the source starts no thread of its own).
     * A failed reload is logged (WARN) and the next one runs as planned.
     *
     * @param interval the delay between the end of one reload and the start of the next; the first
     *                 runs after one interval
     * @param scheduler where the reloads run
     * @return the scheduled task; cancel it to stop
     */
    public ScheduledFuture<?> startRefreshing(Duration interval, ScheduledExecutorService scheduler) {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The refresh interval must be positive, but is " + interval);
        }
        Objects.requireNonNull(scheduler, "scheduler");
        long millis = interval.toMillis();
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                reload();
            } catch (RuntimeException e) {
                LOG.warn("Catalog '{}': re-reading table {} failed; next try in {} ms: {}", catalogLabel,
                        layout.table(), millis, Secrets.redact(e.getMessage()));
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * @return the catalog label, table, columns and secret resolver; no secret
     */
    @Override
    public String toString() {
        return "CatalogLabelSource[label=" + catalogLabel + ", " + layout + "]";
    }

    private Map<String, Object> readAll() {
        Map<String, Object> tenants = new TreeMap<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Map<String, Object> row : reader.query(layout.selectAll())) {
            String tenant = layout.tenantId(row);
            if (tenant == null) {
                LOG.warn("Catalog '{}': a row of table {} has no tenant id (column {} is NULL); ignored",
                        catalogLabel, layout.table(), layout.tenantIdColumn());
                continue;
            }
            int count = seen.merge(tenant, 1, Integer::sum);
            Object entry;
            if (count > 1) {
                entry = new Invalid("Tenant '" + tenant + "' has " + count + " rows in catalog table "
                        + layout.table() + "; a tenant id must be unique");
            } else {
                try {
                    entry = layout.toConfig(tenant, row);
                } catch (ConfigurationException e) {
                    entry = new Invalid(e.getMessage());
                }
            }
            tenants.put(tenant, entry);
        }
        return tenants;
    }

    private void tell(Changes changes) {
        for (Consumer<? super Changes> listener : listeners) {
            try {
                listener.accept(changes);
            } catch (RuntimeException e) {
                LOG.warn("Catalog '{}': a change listener failed on {}", catalogLabel, changes, e);
            }
        }
    }

    /** A row that does not make a configuration, compared by its message so that a new problem is a change. */
    private record Invalid(String message) {
    }

    /** How rows are read: through a read-only session of the catalog label. */
    @FunctionalInterface
    private interface CatalogReader {
        List<Map<String, Object>> query(String sql, Object... args);
    }

    /**
     * Builds a {@link CatalogLabelSource}; every setting is checked by {@link #build()}.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the source.
     */
    public static final class Builder {
        private final String catalogLabel;
        private final CatalogReader reader;
        private String table = "tenants";
        private String tenantIdColumn = "tenant_id";
        private final Map<String, String> columns = new LinkedHashMap<>();
        private Map<String, ?> defaults = Map.of();
        private SecretResolver secretResolver = SecretResolver.plain();

        private Builder(String catalogLabel, CatalogReader reader) {
            this.catalogLabel = Objects.requireNonNull(catalogLabel, "catalogLabel");
            this.reader = reader;
        }

        /**
         * @param table the table, {@code name} or {@code schema.name}, plain identifiers only
         *              (default {@code tenants})
         * @return this builder
         */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /**
         * @param column the column holding the tenant id, a text column (default {@code tenant_id})
         * @return this builder
         */
        public Builder tenantIdColumn(String column) {
            this.tenantIdColumn = column;
            return this;
        }

        /**
         * Reads a configuration key from a column; the table must have that column.
         *
         * @param key    a configuration key or alias ({@code user}, {@code pool_recycle}, ...); not
         *               {@code label} (the tenant id is the label) nor {@code properties}
         * @param column the column, a plain identifier
         * @return this builder
         */
        public Builder column(String key, String column) {
            columns.put(Objects.requireNonNull(key, "key"), column);
            return this;
        }

        /**
         * @param settings configuration keys every tenant gets unless its row sets them (a NULL in
         *                 the row leaves the default), for example {@code lazy} or {@code pool_recycle}
         * @return this builder
         */
        public Builder defaults(Map<String, ?> settings) {
            this.defaults = Map.copyOf(settings);
            return this;
        }

        /**
         * @param resolver how a stored password becomes the password (default
         *                 {@link SecretResolver#plain()})
         * @return this builder
         */
        public Builder secretResolver(SecretResolver resolver) {
            this.secretResolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * @return the source; it reads nothing until asked
         * @throws IllegalArgumentException when a table or column name is not a plain identifier,
         *     or a key is unknown or cannot come from a column
         */
        public CatalogLabelSource build() {
            return new CatalogLabelSource(catalogLabel, reader,
                    CatalogLayout.of(catalogLabel, table, tenantIdColumn, columns, defaults, secretResolver));
        }
    }
}
