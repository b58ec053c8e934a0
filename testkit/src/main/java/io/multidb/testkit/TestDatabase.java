package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One engine's test server, handed to a test by {@link AllEngines @AllEngines} or
 * {@link RequiresEngine @RequiresEngine}; it belongs to that test and cleans up after it.
 *
 * <pre>{@code
 * @AllEngines
 * void readsWhatItWrote(TestDatabase db) throws SQLException {
 *     Map<String, Object> orders = db.freshConfig();    // an empty schema/database of its own
 *     orders.put("pool_size", 2);
 *     ConnectionPool.configure(Map.of("orders", orders));
 *     ...
 *     try (Connection raw = db.connect(orders)) {        // check behind the library's back
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>What a <em>namespace</em> is, per engine:
 * <table>
 *   <caption>Namespaces</caption>
 *   <tr><th>engine</th><th>{@link #freshConfig()} creates</th><th>dropped with</th></tr>
 *   <tr><td>H2</td><td>an in-memory database {@code jdbc:h2:mem:t_<random>;DB_CLOSE_DELAY=-1}, user
 *       {@code sa}</td><td>{@code SHUTDOWN}</td></tr>
 *   <tr><td>PostgreSQL</td><td>a schema {@code t_<random>} in the base database; the map has
 *       {@code "schema"}</td><td>{@code DROP SCHEMA ... CASCADE}</td></tr>
 *   <tr><td>MariaDB</td><td>a database {@code t_<random>}; the map's URL points at it</td>
 *       <td>{@code DROP DATABASE}</td></tr>
 *   <tr><td>SQL Server</td><td>a database {@code t_<random>}; the map's URL names it</td>
 *       <td>{@code DROP DATABASE}</td></tr>
 *   <tr><td>Oracle</td><td>a user (schema) {@code T_<random>} with a generated password and
 *       {@code CREATE SESSION, TABLE, VIEW, SEQUENCE, PROCEDURE}; the map logs in as it</td>
 *       <td>{@code DROP USER ... CASCADE}</td></tr>
 * </table>
 *
 * <p>Cleanup runs when the test's extension context closes: after the test and its
 * {@code @AfterEach} methods (close pools there), or after the class for a {@code TestDatabase}
 * resolved in a {@code @BeforeAll} method. It first closes every connection {@link #admin()} and
 * {@link #connect(Map)} handed out, then drops the namespaces, newest first. A drop that cannot
 * take its locks within 10 seconds (a pool or a prepared XA transaction still holding them) fails
 * the test instead of hanging it.
 *
 * <p>Thread-safety: safe for use by several threads of one test. {@link #toString()} and every
 * exception message leave the password out.
 */
public final class TestDatabase {

    private static final int DROP_LOCK_TIMEOUT_SECONDS = 10;

    private final ServerSettings server;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Namespace> namespaces = new ArrayList<>();
    private boolean closed;

    TestDatabase(ServerSettings server) {
        this.server = Objects.requireNonNull(server, "server");
        if (!server.configured()) {
            throw new IllegalArgumentException(server + " has no URL");
        }
    }

    /**
     * @return the engine of this server
     */
    public Engine engine() {
        return server.engine();
    }

    /**
     * @return the JDBC URL of the server's base database, for example
     *     {@code jdbc:postgresql://127.0.0.1:5432/test}
     */
    public String jdbcUrl() {
        return server.url();
    }

    /**
     * @return the user the kit connects as, or {@code null} when the URL carries it
     */
    public String user() {
        return server.user();
    }

    /**
     * @return that user's password; {@code null} or empty when there is none
     */
    public String password() {
        return server.password();
    }

    /**
     * Opens a raw JDBC connection to the server's base database (not to a fresh namespace), in
     * auto-commit mode, with a 10-second connect timeout. Close it when done; any still open when
     * the test ends is closed then.
     *
     * @return a new connection
     * @throws SQLException when the server refuses the connection
     */
    public Connection admin() throws SQLException {
        return track(server.connect());
    }

    /**
     * Creates an empty namespace that belongs to this test alone and returns a Multidb
     * configuration map for it, with keys {@code "url"} (a {@code jdbc:} URL), {@code "user"},
     * {@code "password"} (only when not empty) and, for PostgreSQL, {@code "schema"}. Each call
     * creates another namespace, isolated from the others; all are dropped after the test.
     *
     * <p>Unlike the other methods it throws no checked exception, so that it fits in expressions
     * such as {@code Map.of("orders", db.freshConfig())}.
     *
     * @return a new, mutable map; add pool keys to it as needed
     * @throws IllegalStateException when the namespace cannot be created (with the
     *     {@link SQLException} as its cause), or when the test this database belongs to has finished
     */
    public Map<String, Object> freshConfig() {
        ensureOpen();
        String name = TestNames.unique("t");
        try {
            return createNamespace(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the namespace " + name + " for a test on "
                    + server.describe() + ": " + server.scrub(e.getMessage()), e);
        }
    }

    private Map<String, Object> createNamespace(String name) throws SQLException {
        switch (engine()) {
            case H2: {
                String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
                server.connect(url, "sa", "").close(); // DB_CLOSE_DELAY=-1 keeps it after this
                register(new Namespace(name, url, "H2 in-memory database"));
                return config(url, "sa", null, null);
            }
            case POSTGRESQL:
                execute("CREATE SCHEMA " + name);
                register(new Namespace(name, jdbcUrl(), "PostgreSQL schema"));
                return config(jdbcUrl(), user(), password(), name);
            case MARIADB:
                execute("CREATE DATABASE " + name);
                register(new Namespace(name, jdbcUrl(), "MariaDB database"));
                return config(JdbcUrls.withPathDatabase(jdbcUrl(), name), user(), password(), null);
            case SQLSERVER:
                execute("CREATE DATABASE [" + name + "]");
                register(new Namespace(name, jdbcUrl(), "SQL Server database"));
                return config(JdbcUrls.withSqlServerDatabase(jdbcUrl(), name), user(), password(), null);
            case ORACLE: {
                String secret = "P" + Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 60, Long.MAX_VALUE));
                execute("CREATE USER " + name + " IDENTIFIED BY \"" + secret + "\"");
                register(new Namespace(name, jdbcUrl(), "Oracle user"));
                execute("GRANT CREATE SESSION, CREATE TABLE, CREATE VIEW, CREATE SEQUENCE, CREATE PROCEDURE,"
                        + " UNLIMITED TABLESPACE TO " + name);
                return config(jdbcUrl(), name, secret, null);
            }
            default:
                throw new IllegalStateException("No namespace rule for " + engine());
        }
    }

    /**
     * Opens a raw JDBC connection described by a configuration map (typically one from
     * {@link #freshConfig()}), bypassing Multidb: reads {@code "url"}, {@code "user"},
     * {@code "password"} and {@code "schema"} and ignores the other keys. With a schema, the
     * connection's default schema is set to it ({@code SET search_path} on PostgreSQL). Close it
     * when done; any still open when the test ends is closed then.
     *
     * @param config a configuration map with at least {@code "url"}
     * @return a new connection in auto-commit mode
     * @throws SQLException when the connection cannot be made
     * @throws IllegalArgumentException when the map has no {@code "url"}
     */
    public Connection connect(Map<String, ?> config) throws SQLException {
        Objects.requireNonNull(config, "config");
        String url = text(config, "url");
        if (url == null) {
            throw new IllegalArgumentException("The configuration map has no \"url\"; keys: " + config.keySet());
        }
        Connection connection = server.connect(url, text(config, "user"), text(config, "password"));
        String schema = text(config, "schema");
        if (schema != null) {
            try {
                useSchema(connection, schema);
            } catch (SQLException | RuntimeException e) {
                closeAfterFailure(connection, e);
                throw e;
            }
        }
        return track(connection);
    }

    /**
     * @return the engine and base URL, without the password
     */
    @Override
    public String toString() {
        return "TestDatabase[" + engine().key() + " " + server.describe() + "]";
    }

    /**
     * Closes the connections handed out and drops the namespaces created, newest first. Called by
     * the extension when the owning context closes; later calls do nothing.
     *
     * @throws SQLException the first failure, with any later ones suppressed
     */
    void close() throws SQLException {
        List<Connection> openConnections;
        List<Namespace> created;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            openConnections = new ArrayList<>(connections);
            created = new ArrayList<>(namespaces);
        }
        SQLException failure = null;
        for (int i = openConnections.size() - 1; i >= 0; i--) {
            try {
                openConnections.get(i).close();
            } catch (SQLException e) {
                failure = chain(failure, e);
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            Namespace namespace = created.get(i);
            try {
                drop(namespace);
            } catch (SQLException e) {
                failure = chain(failure, new SQLException("Could not drop the " + namespace.kind() + " "
                        + namespace.name() + " created for a test on " + server.describe() + ": "
                        + server.scrub(e.getMessage()), e.getSQLState(), e));
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void drop(Namespace namespace) throws SQLException {
        switch (engine()) {
            case H2:
                try (Connection connection = server.connect(namespace.url(), "sa", "");
                        Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
                break;
            case POSTGRESQL:
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    statement.execute("SET lock_timeout = '" + DROP_LOCK_TIMEOUT_SECONDS + "s'");
                    statement.execute("DROP SCHEMA IF EXISTS " + namespace.name() + " CASCADE");
                }
                break;
            case MARIADB:
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    statement.execute("SET SESSION lock_wait_timeout = " + DROP_LOCK_TIMEOUT_SECONDS);
                    statement.execute("DROP DATABASE IF EXISTS " + namespace.name());
                }
                break;
            case SQLSERVER:
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    if (exists(connection, "SELECT 1 WHERE DB_ID(?) IS NOT NULL", namespace.name())) {
                        statement.execute("ALTER DATABASE [" + namespace.name() + "] SET SINGLE_USER WITH ROLLBACK IMMEDIATE");
                        statement.execute("DROP DATABASE [" + namespace.name() + "]");
                    }
                }
                break;
            case ORACLE:
                try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP USER " + namespace.name() + " CASCADE");
                }
                break;
            default:
                throw new IllegalStateException("No namespace rule for " + engine());
        }
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private void useSchema(Connection connection, String schema) throws SQLException {
        switch (engine()) {
            case POSTGRESQL:
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET search_path TO \"" + schema.replace("\"", "\"\"") + "\"");
                }
                break;
            case MARIADB:
                connection.setCatalog(schema);
                break;
            default:
                connection.setSchema(schema);
                break;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = server.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Map<String, Object> config(String url, String user, String password, String schema) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", url);
        if (user != null) {
            config.put("user", user);
        }
        if (password != null && !password.isEmpty()) {
            config.put("password", password);
        }
        if (schema != null) {
            config.put("schema", schema);
        }
        return config;
    }

    private static String text(Map<String, ?> config, String key) {
        Object value = config.get(key);
        return value == null ? null : value.toString();
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " belongs to a test that has finished");
        }
    }

    private void register(Namespace namespace) throws SQLException {
        synchronized (this) {
            if (!closed) {
                namespaces.add(namespace);
                return;
            }
        }
        drop(namespace);
        throw new IllegalStateException(this + " belongs to a test that has finished");
    }

    private Connection track(Connection connection) throws SQLException {
        synchronized (this) {
            if (!closed) {
                connections.add(connection);
                return connection;
            }
        }
        connection.close();
        throw new IllegalStateException(this + " belongs to a test that has finished");
    }

    private static void closeAfterFailure(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static SQLException chain(SQLException first, SQLException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** A namespace this database created: its name, the URL to reach it (H2) and what it is. */
    private record Namespace(String name, String url, String kind) {
    }
}
