package io.multidb.connection.internal.engine;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.DriverTimeouts;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.spi.XaEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Everything Multidb knows about one engine, in one place: how its URLs look and are built, its
 * driver and XA data source and how to configure them, the driver properties that carry timeouts,
 * how a default schema and {@code init_sql} are applied, how its read-only sessions are made
 * read-only, how values are bound, and what an XA label checks on its server. Every part of the
 * library that used to ask "which engine is this?" asks the label's profile instead.
 *
 * <p>Resolve a profile once per label ({@link #of(Engine)} is an array read) and keep it: nothing
 * on the per-statement path looks one up.
 *
 * <pre>{@code
 * EngineProfile pg = EngineProfile.of(Engine.POSTGRESQL);
 * pg.urlFromPieces("db:5432", "orders");            // jdbc:postgresql://db:5432/orders
 * pg.initSql(List.of("SET a = 1", "SET b = 2"));     // "SET a = 1;\nSET b = 2"
 * pg.readOnlyPoolProperties();                       // {readOnlyMode=always}
 * }</pre>
 *
 * <p>Thread-safety: immutable; one instance per engine.
 */
public abstract class EngineProfile {
    /** The profile table: one entry per {@link Engine}, checked when the class loads. */
    private static final EngineProfile[] BY_ORDINAL = table(List.of(new PostgresqlProfile(), new OracleProfile(),
            new SqlServerProfile(), new H2Profile(), new MariaDbProfile()));

    private final Engine engine;
    private final Binder binder;
    private final List<String> schemes;
    private final List<String> subprotocols;
    private final UrlGrammar urlGrammar;

    EngineProfile(Engine engine, Binder binder, List<String> schemes, List<String> subprotocols, UrlGrammar urlGrammar) {
        this.engine = engine;
        this.binder = binder;
        this.schemes = List.copyOf(schemes);
        this.subprotocols = List.copyOf(subprotocols);
        this.urlGrammar = urlGrammar;
    }

    /**
     * @param profiles candidate profiles
     * @return them indexed by their engine's ordinal
     * @throws IllegalStateException when an engine has no profile or more than one
     */
    static EngineProfile[] table(List<EngineProfile> profiles) {
        EngineProfile[] byOrdinal = new EngineProfile[Engine.values().length];
        for (EngineProfile p : profiles) {
            if (byOrdinal[p.engine().ordinal()] != null) {
                throw new IllegalStateException("Two profiles for engine " + p.engine() + ": "
                        + byOrdinal[p.engine().ordinal()].getClass().getSimpleName() + " and "
                        + p.getClass().getSimpleName());
            }
            byOrdinal[p.engine().ordinal()] = p;
        }
        Set<Engine> missing = EnumSet.noneOf(Engine.class);
        for (Engine e : Engine.values()) {
            if (byOrdinal[e.ordinal()] == null) {
                missing.add(e);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No profile for engine(s) " + missing);
        }
        return byOrdinal;
    }

    /**
     * @param engine an engine
     * @return its profile, the same instance on every call
     */
    public static EngineProfile of(Engine engine) {
        return BY_ORDINAL[engine.ordinal()];
    }

    /**
     * @return every profile, in {@link Engine} order
     */
    public static List<EngineProfile> all() {
        return List.of(BY_ORDINAL);
    }

    /**
     * @return the engine this profile describes
     */
    public final Engine engine() {
        return engine;
    }

    // ---- URLs ----

    /**
     * @return the schemes of the {@code scheme://user:password@host:port/db} form that name this
     *     engine, lower case, for example {@code postgresql} and {@code postgres}
     */
    public final List<String> schemes() {
        return schemes;
    }

    /**
     * @return the {@code jdbc:} subprotocols that name this engine, lower case; the first is the one
     *     the URL is rewritten to ({@code jdbc:mysql:} becomes {@code jdbc:mariadb:})
     */
    public final List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * @return the shape of this engine's {@code jdbc:} URLs
     */
    public final UrlGrammar urlGrammar() {
        return urlGrammar;
    }

    /**
     * @return the TCP port the engine listens on unless configured otherwise
     */
    public final int defaultPort() {
        return engine.defaultPort();
    }

    /**
     * @param hostPort {@code host:port}, an IPv6 host already in brackets
     * @param db       the database (service name on Oracle)
     * @return the {@code jdbc:} URL for a server
     */
    public abstract String urlFromPieces(String hostPort, String db);

    /**
     * @return whether the driver percent-decodes URL parameter values (pgJDBC), so that a value
     *     moved out of the URL must be decoded to mean the same
     */
    public boolean decodesParameterValues() {
        return false;
    }

    /**
     * @return the query parameter of the scheme form that names the database instead of the path
     *     (Oracle's {@code service_name}, as in SQLAlchemy), or {@code null}
     */
    public String schemeDatabaseParameter() {
        return null;
    }

    /**
     * @return whether {@code jdbc:<subprotocol>:db}, with no {@code //host}, is a valid URL naming a
     *     database on the driver's default host (pgJDBC)
     */
    public boolean acceptsHostlessUrl() {
        return false;
    }

    // ---- driver ----

    /**
     * @return the fully qualified class name of the engine's JDBC driver
     */
    public final String driverClassName() {
        return engine.driverClassName();
    }

    /**
     * @return the Maven coordinates of the driver, for "add ..." hints
     */
    public final String driverArtifact() {
        return engine.driverArtifact();
    }

    /**
     * The driver properties that carry a connect and a socket timeout, in this driver's names and
     * units (other per-driver settings, such as an application name, belong next to them). A zero
     * duration adds nothing for that limit, leaving the driver's own.
     *
     * @param connect the connect timeout
     * @param socket  the socket (read) timeout
     * @return name to value, in the order they are set
     */
    public final Map<String, String> timeoutProperties(Duration connect, Duration socket) {
        Map<String, String> out = new LinkedHashMap<>();
        addTimeoutProperties(out, connect, socket);
        return out;
    }

    /** Fills {@link #timeoutProperties}; {@link #put} skips a zero limit. */
    abstract void addTimeoutProperties(Map<String, String> out, Duration connect, Duration socket);

    static void put(Map<String, String> out, String name, Duration limit, String value) {
        if (!limit.isZero()) {
            out.put(name, value);
        }
    }

    static String millis(Duration d) {
        return Long.toString(d.toMillis());
    }

    /** Rounded up, so that a fraction of a second never becomes 0, which drivers read as "no limit". */
    static String wholeSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Long.toString(seconds);
    }

    // ---- connection set-up ----

    /**
     * @param statements a label's {@code init_sql} statements, in order (more may be added, such as
     *                   the read-only pool's)
     * @return one statement that runs them all in order, or {@code null} when there are none
     */
    public final String initSql(List<String> statements) {
        if (statements.isEmpty()) {
            return null;
        }
        return statements.size() == 1 ? statements.get(0) : combineInitSql(statements);
    }

    /**
     * Drivers differ in what one {@code Statement.execute} may hold, so several statements become a
     * block the engine runs as one.
     *
     * @param statements two or more statements
     * @return one statement running them in order
     */
    abstract String combineInitSql(List<String> statements);

    /**
     * @return how a label's {@code schema} is applied to each connection
     */
    public abstract SchemaSwitch schemaSwitch();

    /**
     * @param schema the label's schema
     * @return the driver properties that set it as a start-up parameter (for
     *     {@link SchemaSwitch#CONNECTION_PROPERTY}); empty otherwise
     */
    public Map<String, String> schemaProperties(String schema) {
        return Map.of();
    }

    /**
     * @param schema the label's schema
     * @return why the engine cannot take a {@code schema} and what to do instead, or {@code null}
     *     when it can
     */
    public String schemaRefusal(String schema) {
        return null;
    }

    /**
     * Applies a schema to one new connection, where neither the pool nor a start-up parameter does:
     * {@link SchemaSwitch#CATALOG} and {@link SchemaSwitch#SCHEMA}; nothing otherwise.
     *
     * @param c      the connection
     * @param schema the schema
     * @throws SQLException when the driver refuses it
     */
    public final void applySchema(Connection c, String schema) throws SQLException {
        if (schemaSwitch() == SchemaSwitch.CATALOG) {
            c.setCatalog(schema);
        } else if (schemaSwitch() == SchemaSwitch.SCHEMA) {
            c.setSchema(schema);
        }
    }

    // ---- read-only sessions ----

    /**
     * @return whether a whole connection can be made read-only on the database's side, so that the
     *     database itself refuses writes of a read-only session; elsewhere the session refuses
     *     {@code execute} itself
     */
    public boolean readOnlyConnections() {
        return false;
    }

    /**
     * The driver properties that carry {@code application_name}, the name the database shows beside
     * each session. The default is none: the engine has no such property and the name is ignored.
     *
     * @param name the application's name, not blank
     * @return name to value
     * @throws IllegalArgumentException when this driver cannot carry the name (the message says why)
     */
    public Map<String, String> applicationNameProperties(String name) {
        return Map.of();
    }

    /**
     * @return driver properties the read-only pool adds unless the label sets them
     */
    public Map<String, String> readOnlyPoolProperties() {
        return Map.of();
    }

    /**
     * @return statements the read-only pool runs on each new connection, after {@code init_sql}
     */
    public List<String> readOnlyPoolInitSql() {
        return List.of();
    }

    // ---- statements ----

    /**
     * @return how parameters are bound for this engine; the same instance on every call
     */
    public final Binder binder() {
        return binder;
    }

    // ---- XA ----

    /**
     * @return the fully qualified class name of the engine's {@link javax.sql.XADataSource}
     */
    public final String xaDataSourceClassName() {
        return engine.xaDataSourceClassName();
    }

    /**
     * @param config an XA label's configuration
     * @return the setters that configure the engine's XA data source for it, in order: URL,
     *     credentials, driver properties (timeouts included) and, where the data source can take
     *     it, the schema
     * @throws ConfigurationException when a driver property cannot be expressed for the engine
     */
    public abstract List<XaEngine.Setter> xaDataSourceSetters(DatabaseConfig config);

    /**
     * Checks what would otherwise fail only when a branch is prepared, or after a crash. Does not
     * end the connection's transaction.
     *
     * @param label the label, for messages
     * @param c     a connection of the label
     * @throws ConfigurationException when the server cannot take part in XA transactions
     * @throws SQLException           when the check itself fails
     */
    public void checkXaPreconditions(String label, Connection c) throws SQLException {
        // nothing to read on this engine; the README describes its server-side set-up
    }

    /**
     * @return whose error codes tell that a connection broke, for the XA pool's exception sorter
     */
    public abstract XaEngine.ErrorVendor errorVendor();

    /**
     * @return whether a fresh connection must list the prepared branches ({@code recover}) before
     *     it can commit or roll one back (H2 keeps a per-connection flag only {@code recover} sets)
     */
    public boolean listsBranchesBeforeResolving() {
        return false;
    }

    /** Shared XA setters: the label's user and password. */
    static void credentials(DatabaseConfig config, List<XaEngine.Setter> setters) {
        config.user().ifPresent(u -> setters.add(XaEngine.Setter.of("setUser", u)));
        config.password().ifPresent(p -> setters.add(new XaEngine.Setter("setPassword", List.of(p), true)));
    }

    /** The label's driver properties, with its timeouts added in this driver's names. */
    static Map<String, String> driverProperties(DatabaseConfig config) {
        return DriverTimeouts.driverProperties(config);
    }

    /** {@code url?a=b&c=d}, form-encoded. */
    static String withQuery(String url, Map<String, String> properties) {
        if (properties.isEmpty()) {
            return url;
        }
        StringBuilder out = new StringBuilder(url).append(url.indexOf('?') < 0 ? '?' : '&');
        properties.forEach((k, v) -> out.append(encode(k)).append('=').append(encode(v)).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** {@code url;a=b;c=d}; a value holding {@code ;} cannot be written so. */
    static String withSettings(DatabaseConfig config, Map<String, String> properties) {
        StringBuilder out = new StringBuilder(config.url());
        properties.forEach((k, v) -> {
            if (v.indexOf(';') >= 0) {
                throw new ConfigurationException(config.label(), "properties", "Database '" + config.label()
                        + "': driver property '" + k + "' contains ';', which the " + config.engine().key()
                        + " XA data source cannot take in its URL");
            }
            out.append(';').append(k).append('=').append(v);
        });
        return out.toString();
    }

    static Properties asProperties(Map<String, String> properties) {
        Properties p = new Properties();
        p.putAll(properties);
        return p;
    }

    static List<XaEngine.Setter> setters() {
        return new ArrayList<>();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EngineProfile{" + engine.key() + "}";
    }
}
