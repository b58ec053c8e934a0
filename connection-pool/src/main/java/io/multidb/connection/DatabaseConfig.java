package io.multidb.connection;

import io.multidb.connection.internal.ConfigReader;
import io.multidb.connection.internal.DriverPropertyNames;
import io.multidb.connection.internal.JdbcUrl;
import io.multidb.connection.internal.engine.EngineProfile;
import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.config.GivenValues;
import io.multidb.connection.internal.config.Key;
import io.multidb.connection.internal.config.Keys;
import io.multidb.connection.internal.config.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The validated, immutable configuration of one label: where its database is, who to log in as,
 * and how its pool behaves. Built from a map (the Python original's shape), from a builder, from
 * {@link Properties} or from environment variables; all four go through the same validation in
 * {@link Builder#build()}, which rejects anything unknown, mistyped, negative or inconsistent with
 * a {@link ConfigurationException} naming the label and the key. Nothing is adjusted silently.
 *
 * <p>Driver properties ({@code properties}) are checked against the names the label's JDBC driver
 * reports ({@link java.sql.Driver#getPropertyInfo}), because pgJDBC and MariaDB Connector/J ignore
 * a name they do not know without a word: a name the driver does not report, in the driver's exact
 * spelling, is refused with the closest one it does. Environment variables cannot carry case, so
 * names read from them get the driver's spelling back (see {@link #fromEnvironment}). A driver
 * that reports no names (H2) gets them as given.
 *
 * <pre>{@code
 * DatabaseConfig orders = DatabaseConfig.builder("orders")
 *         .url("postgresql://app:secret@db.internal:5432/orders")
 *         .poolSize(20)
 *         .poolTimeout(Duration.ofSeconds(5))
 *         .build();
 *
 * DatabaseConfig audit = DatabaseConfig.fromMap("audit", Map.of(
 *         "engine", "h2", "db", ":memory:", "pool_size", 2));
 *
 * ConnectionPool.configure(Map.of("orders", orders, "audit", audit));
 * }</pre>
 *
 * <p>Every key is declared once, in an internal key table that also drives the map, properties and
 * environment readers, {@link #equals}/{@link #hashCode} (every setting counts), {@link #toString()}
 * and the README's key table. The configuration splits where the domain does:
 * {@link #connection()} is where the database is and who logs in ({@link ConnectionSettings}),
 * {@link #pool()} how many connections and how long ({@link PoolSettings}); the flat accessors here
 * delegate to them.
 *
 * <pre>{@code
 * ConnectionSettings where = orders.connection();  // engine, url, user, schema, init_sql, ...
 * PoolSettings howMany = orders.pool();            // pool_size, pool_timeout, ...
 * }</pre>
 *
 * <p>{@link #toString()} shows every setting except the password and secret-named driver
 * properties, which are masked, and {@code init_sql}, which is shown as a count.
 *
 * <p>Thread-safety: immutable and safe to share; the {@link Builder} is not thread-safe.
 */
public final class DatabaseConfig {

    /** Pool size when {@code pool_size} is not given. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** Seconds to wait for a connection when {@code pool_timeout} is not given. */
    public static final Duration DEFAULT_POOL_TIMEOUT = Duration.ofSeconds(30);
    /** Connection lifetime when {@code pool_recycle} is not given. */
    public static final Duration DEFAULT_POOL_RECYCLE = Duration.ofSeconds(1800);
    /** The shortest {@code pool_timeout} the pool can honour. */
    public static final Duration MIN_POOL_TIMEOUT = Duration.ofMillis(250);
    /** The shortest {@code pool_recycle} the pool can honour (0 means never recycle). */
    public static final Duration MIN_POOL_RECYCLE = Duration.ofSeconds(30);
    /**
     * Limit on opening a connection (TCP connect and login) when {@code connect_timeout} is not given
     * and {@code pool_timeout} is longer; with a shorter {@code pool_timeout}, that is the limit.
     */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Limit on validating a connection before it is handed out when {@code validation_timeout} is not given. */
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(5);
    /** The shortest {@code validation_timeout} the pool can honour. */
    public static final Duration MIN_VALIDATION_TIMEOUT = Duration.ofMillis(250);

    private final String label;
    private final Values values;
    private final ConnectionSettings connection;
    private final PoolSettings pool;
    private final boolean ownsInMemoryDatabase;

    private DatabaseConfig(String label, Values values, boolean ownsInMemoryDatabase) {
        this.label = label;
        this.values = values;
        this.connection = new ConnectionSettings(values);
        this.pool = new PoolSettings(values);
        this.ownsInMemoryDatabase = ownsInMemoryDatabase;
    }

    /**
     * Starts a configuration for a label.
     *
     * @param label the label sessions will ask for; letters, digits, {@code _} and {@code -}
     * @return a builder with every default set
     */
    public static Builder builder(String label) {
        return new Builder(label);
    }

    /**
     * Reads one label's configuration from a map with the snake_case keys of the Python original
     * ({@code engine}, {@code connection_string}/{@code url}, {@code host}, {@code port},
     * {@code db}/{@code database}, {@code user}/{@code username}, {@code password}, {@code schema},
     * {@code label}, {@code pool_size}, {@code max_overflow}, {@code pool_timeout},
     * {@code pool_recycle}, {@code pool_pre_ping}, {@code read_only}, {@code isolation},
     * {@code init_sql}, {@code properties}, {@code xa}, {@code lazy}) and Multidb's own
     * ({@code fair_queue}, {@code driver_class}, {@code connect_timeout}, {@code socket_timeout},
     * {@code validation_timeout}, {@code leak_detection_threshold}, {@code pool_idle_timeout}). A
     * {@code null} value means "not set". Numbers must be numbers and booleans booleans; durations are seconds (a number) or
     * a {@link Duration}.
     *
     * <pre>{@code
     * DatabaseConfig c = DatabaseConfig.fromMap("default_db", Map.of(
     *         "connection_string", "postgresql://app:secret@localhost:5432/app",
     *         "pool_size", 5, "max_overflow", 5, "pool_timeout", 2.5));
     * }</pre>
     *
     * @param label the label (the key of the map handed to {@link ConnectionPool#configure(Map)})
     * @param map   the settings
     * @return the validated configuration
     * @throws ConfigurationException naming the label and key of the first problem
     */
    public static DatabaseConfig fromMap(String label, Map<String, ?> map) {
        return ConfigReader.fromMap(label, map);
    }

    /**
     * Reads every label from properties named {@code multidb.<label>.<key>}, for example from a
     * {@code db.properties} file; driver properties are {@code multidb.<label>.properties.<name>},
     * with the name in the driver's exact spelling. Values are text and are parsed as the key's
     * type; other properties are ignored.
     *
     * <pre>{@code
     * # db.properties
     * multidb.orders.url=jdbc:postgresql://db.internal:5432/orders
     * multidb.orders.user=app
     * multidb.orders.pool_size=20
     *
     * Properties p = new Properties();
     * try (Reader r = Files.newBufferedReader(Path.of("db.properties"))) { p.load(r); }
     * ConnectionPool.configure(DatabaseConfig.fromProperties(p));
     * }</pre>
     *
     * @param properties the properties
     * @return the configurations by label, sorted by label
     * @throws ConfigurationException naming the label and key of the first problem
     */
    public static Map<String, DatabaseConfig> fromProperties(Properties properties) {
        return ConfigReader.fromProperties(properties);
    }

    /**
     * Reads every label from environment variables named {@code MULTIDB_<LABEL>_<KEY>}, as
     * container platforms provide them ({@code MULTIDB_AUDIT_DB_POOL_SIZE=5} sets
     * {@code pool_size} of label {@code audit_db}). Labels and keys are read in lower case; the key
     * is the longest valid key the name ends with. Driver properties are
     * {@code MULTIDB_<LABEL>_PROPERTIES_<NAME>}: as a variable name cannot carry case, {@code .} or
     * {@code -}, the name is the driver property equal to {@code <NAME>} ignoring case, otherwise
     * the one equal ignoring case, {@code _}, {@code -} and {@code .}, in the driver's own spelling
     * ({@code MULTIDB_AUDIT_PROPERTIES_APPLICATIONNAME} and {@code ..._APPLICATION_NAME} both set
     * pgJDBC's {@code ApplicationName}; {@code ..._ORACLE_NET_CONNECT_TIMEOUT} sets Oracle's
     * {@code oracle.net.CONNECT_TIMEOUT}). A name that matches none of the names the driver reports
     * ({@link java.sql.Driver#getPropertyInfo}), or several, is refused; a driver that reports none
     * (H2) gets the name in lower case.
     *
     * <pre>{@code
     * ConnectionPool.configure(DatabaseConfig.fromEnvironment(System.getenv()));
     * }</pre>
     *
     * @param environment the variables, usually {@link System#getenv()}; other variables are
     *                    ignored
     * @return the configurations by label, sorted by label
     * @throws ConfigurationException naming the label and key (and the variable) of the first
     *     problem
     */
    public static Map<String, DatabaseConfig> fromEnvironment(Map<String, String> environment) {
        return ConfigReader.fromEnvironment(environment);
    }

    /**
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * @return the engine, given or inferred from the URL
     */
    public Engine engine() {
        return connection.engine();
    }

    /**
     * @return the {@code jdbc:} URL the pool connects with; it never contains a password (one given
     *     in a URL is moved to {@link #password()})
     */
    public String url() {
        return connection.url();
    }

    /**
     * @return {@code true} when Multidb named the H2 in-memory database of this label (from
     *     {@code db: ":memory:"}, {@code db: "mem:name"} or the URL {@code h2:///:memory:}) and so
     *     keeps it alive only while the label is configured: closing the label ends the database and
     *     its data, as SQLite's {@code :memory:} ends with its engine in the Python original. A
     *     {@code jdbc:h2:mem:} URL written out by the user is used exactly as written.
     */
    public boolean ownsInMemoryDatabase() {
        return ownsInMemoryDatabase;
    }

    /**
     * @return the user name, or empty when the driver's default applies
     */
    public Optional<String> user() {
        return connection.user();
    }

    /**
     * The password, for code that must open connections itself (an XA pool, a migration tool).
     * Never log it.
     *
     * @return the password, or empty when none is configured
     */
    public Optional<String> password() {
        return connection.password();
    }

    /**
     * @return the default schema set on every connection, if configured
     */
    public Optional<String> schema() {
        return connection.schema();
    }

    /**
     * @return connections kept open when idle ({@code pool_size})
     */
    public int poolSize() {
        return pool.poolSize();
    }

    /**
     * @return extra connections opened under load ({@code max_overflow})
     */
    public int maxOverflow() {
        return pool.maxOverflow();
    }

    /**
     * @return the most connections the pool opens: {@code pool_size + max_overflow}
     */
    public int maxPoolSize() {
        return pool.maxPoolSize();
    }

    /**
     * @return how long a session waits for a free connection ({@code pool_timeout})
     */
    public Duration poolTimeout() {
        return pool.poolTimeout();
    }

    /**
     * @return how long a connection lives before it is replaced ({@code pool_recycle});
     *     {@link Duration#ZERO} means forever
     */
    public Duration poolRecycle() {
        return pool.poolRecycle();
    }

    /**
     * @return whether a connection is validated before it is handed out ({@code pool_pre_ping})
     */
    public boolean poolPrePing() {
        return pool.poolPrePing();
    }

    /**
     * @return whether connections are read-only ({@code read_only})
     */
    public boolean readOnly() {
        return connection.readOnly();
    }

    /**
     * @return the transaction isolation, if configured; otherwise the database's default
     */
    public Optional<IsolationLevel> isolation() {
        return connection.isolation();
    }

    /**
     * @return statements run once on every new connection ({@code init_sql}), in order
     */
    public List<String> initSql() {
        return connection.initSql();
    }

    /**
     * @return driver properties ({@code properties}); secret-looking values are masked only in
     *     {@link #toString()}
     */
    public Map<String, String> properties() {
        return connection.properties();
    }

    /**
     * @return whether this label takes part in XA transactions ({@code xa})
     */
    public boolean xa() {
        return connection.xa();
    }

    /**
     * @return whether the pool opens only when the label is first used ({@code lazy})
     */
    public boolean lazy() {
        return pool.lazy();
    }

    /**
     * @return whether sessions waiting for a connection are served first come, first served
     *     ({@code fair_queue}); see {@link Builder#fairQueue(boolean)}
     */
    public boolean fairQueue() {
        return pool.fairQueue();
    }

    /**
     * @return the longest a new connection may take to connect and log in ({@code connect_timeout});
     *     {@link Duration#ZERO} means the driver's own limit (often none)
     */
    public Duration connectTimeout() {
        return connection.connectTimeout();
    }

    /**
     * @return the longest a statement waits for the database to answer before failing
     *     ({@code socket_timeout}); {@link Duration#ZERO} means no limit
     */
    public Duration socketTimeout() {
        return connection.socketTimeout();
    }

    /**
     * @return the longest the check of a connection before it is handed out may take
     *     ({@code validation_timeout}); the pool uses at most {@link #poolTimeout()}
     */
    public Duration validationTimeout() {
        return pool.validationTimeout();
    }

    /**
     * @return how long a session may stay open before it is reported as a possible leak
     *     ({@code leak_detection_threshold}); {@link Duration#ZERO} means never reported
     */
    public Duration leakDetectionThreshold() {
        return pool.leakDetectionThreshold();
    }

    /**
     * @return how long the label's pools may go unused before they are closed, to be opened again on
     *     the next use ({@code pool_idle_timeout}); {@link Duration#ZERO} (the default) means never
     */
    public Duration poolIdleTimeout() {
        return pool.poolIdleTimeout();
    }

    /**
     * @return the JDBC driver class the pool loads: {@code driver_class} when configured (a wrapping
     *     driver such as P6Spy, or a test driver), otherwise the engine's
     */
    public String driverClassName() {
        return connection.driverClassName();
    }

    /**
     * @return the name the database shows for this label's sessions ({@code application_name}), if
     *     configured
     */
    public Optional<String> applicationName() {
        return connection.applicationName();
    }

    /**
     * @return where the database is, who logs in, and how each connection is set up; immutable
     */
    public ConnectionSettings connection() {
        return connection;
    }

    /**
     * @return how many connections the label keeps and how long things may take; immutable
     */
    public PoolSettings pool() {
        return pool;
    }

    /**
     * @return whether the other is a configuration of the same label with every setting equal
     */
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof DatabaseConfig other && label.equals(other.label)
                && connection.equals(other.connection) && pool.equals(other.pool)
                && ownsInMemoryDatabase == other.ownsInMemoryDatabase;
    }

    @Override
    public int hashCode() {
        return Objects.hash(label, connection, pool, ownsInMemoryDatabase);
    }

    /**
     * @return every setting, in the key table's order, with the password and secret driver
     *     properties masked and {@code init_sql} shown as a count
     */
    @Override
    public String toString() {
        StringJoiner shown = new StringJoiner(", ", "DatabaseConfig{label=" + label + ", ", "}");
        for (Key<?> key : Keys.ALL) {
            if (key.part() == Key.Part.CONNECTION || key.part() == Key.Part.POOL) {
                shown.add(key.shownAs() + "=" + show(key));
            }
        }
        return shown.toString();
    }

    private <T> String show(Key<T> key) {
        return key.show(key.get(values));
    }

    /**
     * Collects the settings of one label; {@link #build()} validates them all at once. Setters take
     * any value and never throw, so that every problem is reported by {@code build()} with the
     * label and key it concerns.
     *
     * <p>Thread-safety: not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private final String label;
        private final GivenValues given = new GivenValues();
        /** The name the URL was given under, for messages: {@code url} or {@code connection_string}. */
        private String urlKey = "url";

        private Builder(String label) {
            this.label = label;
        }

        /**
         * @param engine the engine; inferred from the URL when not set
         * @return this builder
         */
        public Builder engine(Engine engine) {
            given.set(Keys.ENGINE, engine);
            return this;
        }

        /**
         * @param url a {@code jdbc:} URL, or {@code scheme://user:password@host:port/db} with
         *            scheme {@code postgresql}, {@code oracle}, {@code sqlserver}/{@code mssql},
         *            {@code h2}, {@code mariadb}/{@code mysql} (a SQLAlchemy {@code +driver} suffix
         *            is accepted and ignored); query parameters become driver properties
         * @return this builder
         */
        public Builder url(String url) {
            given.set(Keys.CONNECTION_STRING, url);
            this.urlKey = "url";
            return this;
        }

        /**
         * The same as {@link #url(String)}, under the Python original's name; errors name the key
         * {@code connection_string}.
         *
         * @param connectionString a {@code jdbc:} URL or {@code scheme://user:pass@host:port/db}
         * @return this builder
         */
        public Builder connectionString(String connectionString) {
            given.set(Keys.CONNECTION_STRING, connectionString);
            this.urlKey = "connection_string";
            return this;
        }

        /**
         * @param host the server host, when the URL is built from pieces
         * @return this builder
         */
        public Builder host(String host) {
            given.set(Keys.HOST, host);
            return this;
        }

        /**
         * @param port the server port; the engine's default when not set
         * @return this builder
         */
        public Builder port(int port) {
            given.set(Keys.PORT, port);
            return this;
        }

        /**
         * @param database the database (service name on Oracle); for H2 {@code :memory:} (an
         *                 in-memory database named after the label), {@code mem:name}, or a file
         *                 path
         * @return this builder
         */
        public Builder database(String database) {
            given.set(Keys.DB, database);
            return this;
        }

        /**
         * @param user the user to log in as
         * @return this builder
         */
        public Builder user(String user) {
            given.set(Keys.USER, user);
            return this;
        }

        /**
         * @param password the password; never shown by {@code toString()} or in any error
         * @return this builder
         */
        public Builder password(String password) {
            given.set(Keys.PASSWORD, password);
            return this;
        }

        /**
         * @param schema the default schema of every session (PostgreSQL {@code search_path},
         *               Oracle {@code CURRENT_SCHEMA}, H2 {@code SCHEMA}, MariaDB the current
         *               database); SQL Server has no per-session default schema and rejects it
         * @return this builder
         */
        public Builder schema(String schema) {
            given.set(Keys.SCHEMA, schema);
            return this;
        }

        /**
         * @param poolSize connections kept open when idle (at least 0)
         * @return this builder
         */
        public Builder poolSize(int poolSize) {
            given.set(Keys.POOL_SIZE, poolSize);
            return this;
        }

        /**
         * @param maxOverflow extra connections opened under load (at least 0)
         * @return this builder
         */
        public Builder maxOverflow(int maxOverflow) {
            given.set(Keys.MAX_OVERFLOW, maxOverflow);
            return this;
        }

        /**
         * @param poolTimeout how long a session waits for a connection (at least 250 ms)
         * @return this builder
         */
        public Builder poolTimeout(Duration poolTimeout) {
            given.set(Keys.POOL_TIMEOUT, poolTimeout);
            return this;
        }

        /**
         * @param poolRecycle how long a connection lives (at least 30 s, or {@link Duration#ZERO}
         *                    for forever)
         * @return this builder
         */
        public Builder poolRecycle(Duration poolRecycle) {
            given.set(Keys.POOL_RECYCLE, poolRecycle);
            return this;
        }

        /**
         * @param poolPrePing validate a connection before handing it out
         * @return this builder
         */
        public Builder poolPrePing(boolean poolPrePing) {
            given.set(Keys.POOL_PRE_PING, poolPrePing);
            return this;
        }

        /**
         * @param readOnly make every connection read-only
         * @return this builder
         */
        public Builder readOnly(boolean readOnly) {
            given.set(Keys.READ_ONLY, readOnly);
            return this;
        }

        /**
         * @param isolation the transaction isolation of every connection
         * @return this builder
         */
        public Builder isolation(IsolationLevel isolation) {
            given.set(Keys.ISOLATION, isolation);
            return this;
        }

        /**
         * @param statements statements run once on each new connection, in order; replaces any
         *                   given before
         * @return this builder
         */
        public Builder initSql(String... statements) {
            return initSql(Arrays.asList(statements));
        }

        /**
         * @param statements statements run once on each new connection, in order; replaces any
         *                   given before
         * @return this builder
         */
        public Builder initSql(List<String> statements) {
            given.set(Keys.INIT_SQL, new ArrayList<>(statements));
            return this;
        }

        /**
         * @param name  a driver property in the driver's spelling, for example {@code sslmode} or
         *              {@code ApplicationName}; {@link #build()} refuses a name the driver does not
         *              report
         * @param value its value
         * @return this builder
         */
        public Builder property(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(given.get(Keys.PROPERTIES));
            all.put(name, value);
            given.set(Keys.PROPERTIES, all);
            return this;
        }

        /**
         * @param properties driver properties in the driver's spelling, added to any given before
         * @return this builder
         */
        public Builder properties(Map<String, String> properties) {
            Map<String, String> all = new LinkedHashMap<>(given.get(Keys.PROPERTIES));
            all.putAll(properties);
            given.set(Keys.PROPERTIES, all);
            return this;
        }

        /**
         * @param xa take part in XA transactions (needs {@code multidb-jta-support})
         * @return this builder
         */
        public Builder xa(boolean xa) {
            given.set(Keys.XA, xa);
            return this;
        }

        /**
         * @param lazy open the pool on first use ({@code true}, the default) or at configure,
         *             failing fast when the database cannot be reached ({@code false})
         * @return this builder
         */
        public Builder lazy(boolean lazy) {
            given.set(Keys.LAZY, lazy);
            return this;
        }

        /**
         * @param fairQueue serve sessions that wait for a connection in arrival order ({@code true},
         *                  the default). HikariCP alone lets a thread that just returned a connection
         *                  take it again ahead of older waiters, which under heavy contention leaves
         *                  some requests waiting many times longer than the mean; the queue bounds
         *                  that at the cost of a few nanoseconds per session. Connections taken
         *                  through {@link ConnectionPool#dataSource(String)} bypass the queue.
         * @return this builder
         */
        public Builder fairQueue(boolean fairQueue) {
            given.set(Keys.FAIR_QUEUE, fairQueue);
            return this;
        }

        /**
         * @param driverClass the JDBC driver class to load instead of the engine's, for a wrapping
         *                    driver (P6Spy, a tracing proxy) or a test driver; with a URL whose
         *                    subprotocol is not one of the five engines', {@code engine} must be
         *                    given and the URL is passed to the driver as written
         * @return this builder
         */
        public Builder driverClass(String driverClass) {
            given.set(Keys.DRIVER_CLASS, driverClass);
            return this;
        }

        /**
         * @param connectTimeout the longest opening a connection (TCP connect and login) may take;
         *                       {@link Duration#ZERO} leaves the driver's own limit. Default:
         *                       {@code pool_timeout}, at most 10 s.
         *                       Passed to the driver as PostgreSQL {@code connectTimeout} and
         *                       {@code loginTimeout} (whole seconds, rounded up), MariaDB
         *                       {@code connectTimeout}, SQL Server {@code loginTimeout}, Oracle
         *                       {@code oracle.net.CONNECT_TIMEOUT}; no effect on H2. A driver
         *                       property of the same name, in {@code properties} or the URL, wins.
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            given.set(Keys.CONNECT_TIMEOUT, connectTimeout);
            return this;
        }

        /**
         * @param socketTimeout the longest a statement waits for the database to answer before it
         *                      fails, so that a database that stops answering cannot hang sessions;
         *                      {@link Duration#ZERO} (the default) means no limit. Set it above the
         *                      longest statement the label runs. Passed to the driver as PostgreSQL
         *                      {@code socketTimeout} (whole seconds, rounded up), MariaDB and SQL
         *                      Server {@code socketTimeout}, Oracle {@code oracle.jdbc.ReadTimeout};
         *                      no effect on H2. A driver property of the same name wins.
         * @return this builder
         */
        public Builder socketTimeout(Duration socketTimeout) {
            given.set(Keys.SOCKET_TIMEOUT, socketTimeout);
            return this;
        }

        /**
         * @param validationTimeout the longest the check of an idle connection before it is handed
         *                          out may take (at least 250 ms; default 5 s; at most
         *                          {@code pool_timeout} is used). A connection that fails the check
         *                          is discarded and another is tried.
         * @return this builder
         */
        public Builder validationTimeout(Duration validationTimeout) {
            given.set(Keys.VALIDATION_TIMEOUT, validationTimeout);
            return this;
        }

        /**
         * @param leakDetectionThreshold report a session still open after this long, once, as a
         *                               warning from the logger {@code io.multidb.connection.leak}
         *                               naming the label and carrying the stack trace of where the
         *                               session was opened; {@link Duration#ZERO} (the default)
         *                               turns detection off. Sessions of a unit of work are not
         *                               watched: the unit closes them.
         * @return this builder
         */
        public Builder leakDetectionThreshold(Duration leakDetectionThreshold) {
            given.set(Keys.LEAK_DETECTION_THRESHOLD, leakDetectionThreshold);
            return this;
        }

        /**
         * @param poolIdleTimeout close the label's pool, and its read-only pool, once no session has
         *                        used it for this long, closing its connections and its threads'
         *                        work; the next session opens it again, as on first use.
         *                        {@link Duration#ZERO} (the default) keeps pools open. For labels used
         *                        now and then, such as tenants. An {@code xa} label's own pool is not
         *                        closed.
         * @return this builder
         */
        public Builder poolIdleTimeout(Duration poolIdleTimeout) {
            given.set(Keys.POOL_IDLE_TIMEOUT, poolIdleTimeout);
            return this;
        }

        /**
         * @param applicationName the name the database shows for this label's sessions, set as the
         *                        engine's driver property (PostgreSQL {@code ApplicationName},
         *                        MariaDB connection attribute {@code program_name}, SQL Server
         *                        {@code applicationName}, Oracle {@code v$session.program});
         *                        ignored on H2
         * @return this builder
         */
        public Builder applicationName(String applicationName) {
            given.set(Keys.APPLICATION_NAME, applicationName);
            return this;
        }

        /**
         * Validates every setting and resolves the URL. Driver properties are checked against the
         * names the driver reports, which loads the driver class when it is on the class path (one
         * that is not is reported by {@link ConnectionPool#configure(Map)}).
         *
         * @return the immutable configuration
         * @throws ConfigurationException naming the label and key of the first problem
         */
        public DatabaseConfig build() {
            checkLabel(label);
            given.checkBounds(this::error);
            int poolSize = given.get(Keys.POOL_SIZE);
            if (poolSize + given.get(Keys.MAX_OVERFLOW) < 1) {
                throw error("pool_size", "+ max_overflow must be at least 1, but both are 0");
            }
            boolean xa = given.get(Keys.XA);
            if (!given.get(Keys.POOL_PRE_PING) && !xa) {
                throw error("pool_pre_ping", "false is not supported: HikariCP always validates a connection that has"
                        + " been idle for more than 500 ms before handing it out. Remove the key or set it to true.");
            }
            if (xa && given.get(Keys.READ_ONLY)) {
                throw error("read_only", "cannot be combined with xa: XA units of work exist to write. Remove one of"
                        + " the two keys.");
            }
            String schema = given.get(Keys.SCHEMA);
            String driverClass = given.get(Keys.DRIVER_CLASS);
            JdbcUrl.Resolved resolved = resolveUrl();
            if (schema != null && resolved.engine() != null) {
                String refusal = EngineProfile.of(resolved.engine()).schemaRefusal(schema);
                if (refusal != null) {
                    throw error("schema", refusal);
                }
            }
            Map<String, String> properties = given.get(Keys.PROPERTIES);
            if (!properties.isEmpty()) {
                DriverPropertyNames known = DriverPropertyNames.of(driverClass != null ? driverClass
                        : resolved.engine().driverClassName(), resolved.jdbcUrl());
                properties.keySet().forEach(name -> known.check(label, name, null));
            }
            Map<String, String> allProperties = new LinkedHashMap<>(resolved.properties());
            properties.forEach((k, v) -> {
                String before = allProperties.put(k, v);
                if (before != null && !before.equals(v)) {
                    throw error("properties", "driver property '" + k + "' is also set in the URL with a"
                            + " different value");
                }
            });
            String applicationName = given.get(Keys.APPLICATION_NAME);
            if (applicationName != null) {
                Map<String, String> named;
                try {
                    named = EngineProfile.of(resolved.engine()).applicationNameProperties(applicationName);
                } catch (IllegalArgumentException e) {
                    throw error("application_name", e.getMessage());
                }
                named.forEach((k, v) -> {
                    String before = allProperties.putIfAbsent(k, v);
                    if (before != null && !before.equals(v)) {
                        throw error("application_name", "sets driver property '" + k + "', which is also set"
                                + " with a different value; give only one");
                    }
                });
            }
            GivenValues out = given.copy();
            out.set(Keys.ENGINE, resolved.engine());
            out.set(Keys.CONNECTION_STRING, resolved.jdbcUrl());
            out.set(Keys.USER, resolved.user());
            out.set(Keys.PASSWORD, resolved.password());
            out.set(Keys.PROPERTIES, allProperties);
            // folded into the URL
            out.set(Keys.HOST, null);
            out.set(Keys.PORT, null);
            out.set(Keys.DB, null);
            if (given.get(Keys.CONNECT_TIMEOUT) == null) {
                // as long as a session would wait for the connection anyway, at most 10 s
                Duration poolTimeout = given.get(Keys.POOL_TIMEOUT);
                out.set(Keys.CONNECT_TIMEOUT, poolTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? poolTimeout
                        : DEFAULT_CONNECT_TIMEOUT);
            }
            return new DatabaseConfig(label, out.freeze(), ownsInMemoryDatabase(resolved));
        }

        /** Whether Multidb named the H2 in-memory database, adding DB_CLOSE_DELAY=-1 to keep it alive. */
        private boolean ownsInMemoryDatabase(JdbcUrl.Resolved resolved) {
            String url = given.get(Keys.CONNECTION_STRING);
            String jdbcUrl = resolved.jdbcUrl();
            return resolved.engine() == Engine.H2 && jdbcUrl.regionMatches(true, 0, "jdbc:h2:mem:", 0, 12)
                    && containsIgnoreCase(jdbcUrl, "DB_CLOSE_DELAY")
                    && (url == null || !url.regionMatches(true, 0, "jdbc:", 0, 5))
                    && !containsIgnoreCase(url, "DB_CLOSE_DELAY")
                    && !containsIgnoreCase(given.get(Keys.DB), "DB_CLOSE_DELAY");
        }

        private JdbcUrl.Resolved resolveUrl() {
            Engine engine = given.get(Keys.ENGINE);
            String url = given.get(Keys.CONNECTION_STRING);
            String user = given.get(Keys.USER);
            String password = given.get(Keys.PASSWORD);
            if (given.get(Keys.DRIVER_CLASS) != null && url != null && url.startsWith("jdbc:")
                    && !JdbcUrl.isEngineUrl(url)) {
                if (engine == null) {
                    throw error("engine", "is needed with driver_class and a URL of another driver ("
                            + Secrets.redact(url) + "): say which engine the driver talks to");
                }
                // the wrapped driver's URL is read as its engine's, so that credentials leave it too
                return JdbcUrl.resolveWrapped(label, engine, url, urlKey, user, password);
            }
            return JdbcUrl.resolve(label, engine, url, urlKey, given.get(Keys.HOST), given.get(Keys.PORT),
                    given.get(Keys.DB), user, password);
        }

        private static boolean containsIgnoreCase(String s, String part) {
            return s != null && s.toUpperCase(java.util.Locale.ROOT).contains(part);
        }

        private ConfigurationException error(String key, String problem) {
            return new ConfigurationException(label, key, "Database '" + label + "': " + key + " " + problem);
        }

        private static void checkLabel(String label) {
            if (label == null || label.isEmpty()) {
                throw new ConfigurationException(label, "label", "A database label must not be null or empty");
            }
            if (!label.matches("[A-Za-z0-9_][A-Za-z0-9_\\-]*")) {
                throw new ConfigurationException(label, "label", "Database '" + label
                        + "': label may hold only letters, digits, '_' and '-'");
            }
        }
    }
}
