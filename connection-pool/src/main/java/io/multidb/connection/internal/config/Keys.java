package io.multidb.connection.internal.config;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.IsolationLevel;
import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.config.Key.Part;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The key table: every configuration key of a label, declared once, in the order they are applied,
 * checked, listed in messages, shown by {@code toString()} and documented in the README. Adding a
 * key is one declaration here, the builder setter and accessor it names, and its use.
 *
 * <p>Thread-safety: immutable.
 */
public final class Keys {
    private static int next;

    /** {@code engine}. */
    public static final Key<Engine> ENGINE = Key.declare("engine", Kinds.ENGINE, Part.CONNECTION)
            .byDefault("inferred from the URL")
            .sets(DatabaseConfig.Builder::engine)
            .doc("`postgresql`, `oracle`, `sqlserver`, `h2`, `mariadb`");
    /** {@code connection_string}, or {@code url}: resolved to the {@code jdbc:} URL without credentials. */
    public static final Key<String> CONNECTION_STRING = Key.declare("connection_string", Kinds.TEXT,
                    Part.CONNECTION)
            .aliases("url")
            .byDefault("built from host/port/db")
            .shownAs("url").showing(Secrets::redact)
            .setsByName((b, name, url) -> {
                if (name.equals("url")) {
                    b.url(url);
                } else {
                    b.connectionString(url);
                }
            })
            .doc("a `jdbc:` URL, or `scheme://user:pass@host:port/db` (`postgresql`, `oracle`, `sqlserver`/`mssql`,"
                    + " `h2`, `mariadb`/`mysql`; a SQLAlchemy `+driver` suffix is ignored; query parameters become"
                    + " driver properties)");
    /** {@code host}. */
    public static final Key<String> HOST = Key.declare("host", Kinds.TEXT, Part.LOCATION)
            .sets(DatabaseConfig.Builder::host)
            .doc("the server's host, when the URL is built from pieces; with a URL too, it must agree with it");
    /** {@code port}. */
    public static final Key<Integer> PORT = Key.declare("port", Kinds.WHOLE_NUMBER, Part.LOCATION)
            .byDefault("the engine's port")
            .sets(DatabaseConfig.Builder::port)
            .doc("the server's port; with a URL too, it must agree with it");
    /** {@code db}, or {@code database}. */
    public static final Key<String> DB = Key.declare("db", Kinds.TEXT, Part.LOCATION)
            .aliases("database")
            .sets(DatabaseConfig.Builder::database)
            .doc("the database (service name on Oracle); with a URL too, it must agree with it. H2: `:memory:`"
                    + " (in-memory, named after the label), `mem:name`, or a file path");
    /** {@code user}, or {@code username}. */
    public static final Key<String> USER = Key.declare("user", Kinds.TEXT, Part.CONNECTION)
            .aliases("username")
            .byDefault("the driver's")
            .sets(DatabaseConfig.Builder::user)
            .doc("the user to log in as; with a URL that names one too, they must agree");
    /** {@code password}: never shown. */
    public static final Key<String> PASSWORD = Key.declare("password", Kinds.TEXT, Part.CONNECTION)
            .secret()
            .sets(DatabaseConfig.Builder::password)
            .doc("the password; never shown in any message, log line or `toString()`");
    /** {@code schema}. */
    public static final Key<String> SCHEMA = Key.declare("schema", Kinds.TEXT, Part.CONNECTION)
            .byDefault("none")
            .bound(s -> s != null && s.isBlank() ? "must not be blank" : null)
            .sets(DatabaseConfig.Builder::schema)
            .doc("default schema of every session: PostgreSQL `search_path`, Oracle `CURRENT_SCHEMA`, H2 `SCHEMA`,"
                    + " MariaDB the current database. SQL Server has no per-session default schema: the key is"
                    + " refused there (give the login a `DEFAULT_SCHEMA`)");
    /** {@code label}: checked only. */
    public static final Key<String> LABEL = Key.declare("label", Kinds.TEXT, Part.LABEL)
            .doc("optional; must equal the map key");
    /** {@code pool_size}. */
    public static final Key<Integer> POOL_SIZE = Key.declare("pool_size", Kinds.WHOLE_NUMBER, Part.POOL)
            .byDefault(DatabaseConfig.DEFAULT_POOL_SIZE, String.valueOf(DatabaseConfig.DEFAULT_POOL_SIZE))
            .bound(Keys::notNegative)
            .sets(DatabaseConfig.Builder::poolSize)
            .doc("connections kept open (HikariCP `minimumIdle`)");
    /** {@code max_overflow}. */
    public static final Key<Integer> MAX_OVERFLOW = Key.declare("max_overflow", Kinds.WHOLE_NUMBER, Part.POOL)
            .byDefault(0, "0")
            .bound(Keys::notNegative)
            .sets(DatabaseConfig.Builder::maxOverflow)
            .doc("extra connections under load (`maximumPoolSize = pool_size + max_overflow`)");
    /** {@code pool_timeout}. */
    public static final Key<Duration> POOL_TIMEOUT = Key.declare("pool_timeout", Kinds.SECONDS, Part.POOL)
            .byDefault(DatabaseConfig.DEFAULT_POOL_TIMEOUT, seconds(DatabaseConfig.DEFAULT_POOL_TIMEOUT))
            .bound(d -> atLeast(d, DatabaseConfig.MIN_POOL_TIMEOUT))
            .sets(DatabaseConfig.Builder::poolTimeout)
            .doc("seconds to wait for a connection (at least 0.25)");
    /** {@code pool_recycle}: -1 is the Python original's "never", as 0. */
    public static final Key<Duration> POOL_RECYCLE = Key.declare("pool_recycle", Kinds.SECONDS, Part.POOL)
            .byDefault(DatabaseConfig.DEFAULT_POOL_RECYCLE, seconds(DatabaseConfig.DEFAULT_POOL_RECYCLE))
            .bound(d -> d == null || d.isNegative() || !d.isZero() && d.compareTo(DatabaseConfig.MIN_POOL_RECYCLE) < 0
                    ? "must be at least 30 seconds, or 0 to never recycle, but is " + millis(d) : null)
            .sets((b, d) -> b.poolRecycle(d.equals(Duration.ofSeconds(-1)) ? Duration.ZERO : d))
            .doc("seconds before a connection is replaced (at least 30; 0 or -1: never)");
    /** {@code pool_pre_ping}: {@code false} only for XA labels (checked by {@code build()}). */
    public static final Key<Boolean> POOL_PRE_PING = Key.declare("pool_pre_ping", Kinds.BOOLEAN, Part.POOL)
            .byDefault(true, "true")
            .sets(DatabaseConfig.Builder::poolPrePing)
            .doc("validate a connection before handing it out. HikariCP always validates connections idle for more"
                    + " than 500 ms, so `false` is refused rather than ignored, except with `xa` (whose pool can"
                    + " skip the check)");
    /** {@code read_only}. */
    public static final Key<Boolean> READ_ONLY = Key.declare("read_only", Kinds.BOOLEAN, Part.CONNECTION)
            .byDefault(false, "false")
            .sets(DatabaseConfig.Builder::readOnly)
            .doc("read-only connections; refused with `xa`");
    /** {@code isolation}. */
    public static final Key<IsolationLevel> ISOLATION = Key.declare("isolation", Kinds.ISOLATION, Part.CONNECTION)
            .byDefault("the database's")
            .sets(DatabaseConfig.Builder::isolation)
            .doc("`read_uncommitted`, `read_committed`, `repeatable_read`, `serializable` (any case, `_` or space)");
    /** {@code init_sql}: shown as a count, since a statement may hold a secret. */
    public static final Key<List<String>> INIT_SQL = Key.declare("init_sql", Kinds.STATEMENTS, Part.CONNECTION)
            .byDefault(List.of(), "none")
            .bound(Keys::statementsNotEmpty)
            .sets(DatabaseConfig.Builder::initSql)
            .doc("a statement, or a list of statements, run on every new connection");
    /** {@code properties}: driver properties; secret-named values are masked when shown. */
    public static final Key<Map<String, String>> PROPERTIES = Key.declare("properties", Kinds.DRIVER_PROPERTIES,
                    Part.CONNECTION)
            .byDefault(Map.of(), "none")
            .bound(Keys::driverPropertyNames)
            .sets(DatabaseConfig.Builder::properties)
            .doc("driver properties (a map), in the driver's spelling: a name the driver does not report is refused");
    /** {@code xa}. */
    public static final Key<Boolean> XA = Key.declare("xa", Kinds.BOOLEAN, Part.CONNECTION)
            .byDefault(false, "false")
            .sets(DatabaseConfig.Builder::xa)
            .doc("the label takes part in XA transactions (needs `multidb-jta-support`)");
    /** {@code lazy}. */
    public static final Key<Boolean> LAZY = Key.declare("lazy", Kinds.BOOLEAN, Part.POOL)
            .byDefault(true, "true")
            .sets(DatabaseConfig.Builder::lazy)
            .doc("open no pool, thread or connection until the label is first used; `false` opens it at `configure`"
                    + " and fails fast");
    /** {@code fair_queue}. */
    public static final Key<Boolean> FAIR_QUEUE = Key.declare("fair_queue", Kinds.BOOLEAN, Part.POOL)
            .byDefault(true, "true")
            .sets(DatabaseConfig.Builder::fairQueue)
            .doc("sessions waiting for a connection are served first come, first served (a fair queue in front of"
                    + " HikariCP, which on its own lets a thread that just returned a connection take it again ahead"
                    + " of older waiters); connections from `dataSource(label)` bypass it. See benchmark B4");
    /** {@code driver_class}. */
    public static final Key<String> DRIVER_CLASS = Key.declare("driver_class", Kinds.TEXT, Part.CONNECTION)
            .byDefault("the engine's driver")
            .bound(s -> s != null && s.isBlank() ? "must not be blank" : null)
            .sets(DatabaseConfig.Builder::driverClass)
            .doc("load this JDBC driver instead of the engine's: a wrapping driver (P6Spy, a tracing proxy) or a"
                    + " test driver; with a URL of another subprotocol, `engine` must be given");
    /** {@code connect_timeout}: unset, {@code build()} derives it from {@code pool_timeout}. */
    public static final Key<Duration> CONNECT_TIMEOUT = Key.declare("connect_timeout", Kinds.SECONDS,
                    Part.CONNECTION)
            .byDefault("`pool_timeout`, at most " + DatabaseConfig.DEFAULT_CONNECT_TIMEOUT.toSeconds())
            .bound(d -> d == null ? null : notNegative(d))
            .sets(DatabaseConfig.Builder::connectTimeout)
            .doc("seconds a new connection may take to connect and log in; 0 leaves the driver's own limit. Sent as"
                    + " PostgreSQL `connectTimeout` + `loginTimeout` (whole seconds, rounded up), MariaDB"
                    + " `connectTimeout`, SQL Server `loginTimeout`, Oracle `oracle.net.CONNECT_TIMEOUT`; no effect"
                    + " on H2");
    /** {@code socket_timeout}. */
    public static final Key<Duration> SOCKET_TIMEOUT = Key.declare("socket_timeout", Kinds.SECONDS, Part.CONNECTION)
            .byDefault(Duration.ZERO, "0 (no limit)")
            .bound(Keys::notNegative)
            .sets(DatabaseConfig.Builder::socketTimeout)
            .doc("seconds a statement waits for the database to answer before it fails with"
                    + " `SqlExecutionException`, so a server that stops answering cannot hang sessions; set it above"
                    + " the label's longest statement. PostgreSQL/MariaDB/SQL Server `socketTimeout`, Oracle"
                    + " `oracle.jdbc.ReadTimeout`; no effect on H2");
    /** {@code validation_timeout}. */
    public static final Key<Duration> VALIDATION_TIMEOUT = Key.declare("validation_timeout", Kinds.SECONDS,
                    Part.POOL)
            .byDefault(DatabaseConfig.DEFAULT_VALIDATION_TIMEOUT, seconds(DatabaseConfig.DEFAULT_VALIDATION_TIMEOUT))
            .bound(d -> atLeast(d, DatabaseConfig.MIN_VALIDATION_TIMEOUT))
            .sets(DatabaseConfig.Builder::validationTimeout)
            .doc("seconds the check of an idle connection before it is lent may take (at least 0.25; at most"
                    + " `pool_timeout` is used); a connection that fails it is replaced");
    /** {@code leak_detection_threshold}. */
    public static final Key<Duration> LEAK_DETECTION_THRESHOLD = Key.declare("leak_detection_threshold",
                    Kinds.SECONDS, Part.POOL)
            .byDefault(Duration.ZERO, "0 (off)")
            .bound(Keys::notNegative)
            .sets(DatabaseConfig.Builder::leakDetectionThreshold)
            .doc("seconds after which a session still open is reported once, as a WARN on logger"
                    + " `io.multidb.connection.leak` naming the label with the stack trace of where the session was"
                    + " opened (and an INFO when it is finally closed); 0 turns it off. Costs one captured stack"
                    + " trace per session while on");
    /** {@code pool_idle_timeout}: whole pools closed when unused, reopened on the next use. */
    public static final Key<Duration> POOL_IDLE_TIMEOUT = Key.declare("pool_idle_timeout", Kinds.SECONDS, Part.POOL)
            .byDefault(Duration.ZERO, "0 (never)")
            .bound(Keys::notNegative)
            .sets(DatabaseConfig.Builder::poolIdleTimeout)
            .doc("seconds after which a label's pool (and its read-only pool) that no session used is closed, with"
                    + " all its connections, and opened again on the next use; 0 keeps it open. For labels that are"
                    + " used now and then, such as tenants. An `xa` label's own pool is not closed");
    /** {@code application_name}: the engine profile names the driver property that carries it. */
    public static final Key<String> APPLICATION_NAME = Key.declare("application_name", Kinds.TEXT, Part.CONNECTION)
            .bound(s -> s != null && s.isBlank() ? "must not be blank" : null)
            .sets(DatabaseConfig.Builder::applicationName)
            .doc("the application's name, shown by the database beside each session: PostgreSQL `ApplicationName`"
                    + " (`pg_stat_activity`), MariaDB connection attribute `program_name` (`performance_schema`; no"
                    + " `,` or `:`), SQL Server `applicationName`, Oracle `v$session.program`; ignored on H2, which"
                    + " has none");

    /** Every key, in table order. */
    public static final List<Key<?>> ALL = List.of(ENGINE, CONNECTION_STRING, HOST, PORT, DB, USER, PASSWORD, SCHEMA,
            LABEL, POOL_SIZE, MAX_OVERFLOW, POOL_TIMEOUT, POOL_RECYCLE, POOL_PRE_PING, READ_ONLY, ISOLATION, INIT_SQL,
            PROPERTIES, XA, LAZY, FAIR_QUEUE, DRIVER_CLASS, CONNECT_TIMEOUT, SOCKET_TIMEOUT, VALIDATION_TIMEOUT,
            LEAK_DETECTION_THRESHOLD, POOL_IDLE_TIMEOUT, APPLICATION_NAME);

    static {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).index() != i) {
                throw new ExceptionInInitializerError("Keys.ALL must list the keys in declaration order: "
                        + ALL.get(i));
            }
        }
    }

    private Keys() {
    }

    static int nextIndex() {
        return next++;
    }

    private static String notNegative(Integer n) {
        return n < 0 ? "must be 0 or more, but is " + n : null;
    }

    private static String notNegative(Duration d) {
        return d == null || d.isNegative() ? "must be 0 or more seconds (0: no limit), but is " + millis(d) : null;
    }

    private static String atLeast(Duration d, Duration min) {
        return d == null || d.compareTo(min) < 0 ? "must be at least " + min.toMillis() / 1000.0 + " seconds, but is "
                + millis(d) : null;
    }

    private static String millis(Duration d) {
        return d == null ? "null" : d.toMillis() + " ms";
    }

    private static String seconds(Duration d) {
        return String.valueOf(d.toSeconds());
    }

    private static String statementsNotEmpty(List<String> statements) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i) == null || statements.get(i).isBlank()) {
                return "statement " + (i + 1) + " is empty";
            }
        }
        return null;
    }

    private static String driverPropertyNames(Map<String, String> properties) {
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String k = e.getKey();
            if (k == null || k.isBlank() || e.getValue() == null) {
                return "driver property names and values must not be null or empty";
            }
            String name = k.toLowerCase(Locale.ROOT);
            if (name.equals("user") || name.equals("username") || name.equals("password")) {
                return "must not set '" + k + "'; use the " + (name.equals("password") ? "password" : "user")
                        + " key instead";
            }
        }
        return null;
    }
}
