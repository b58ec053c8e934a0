package io.multidb.connection.internal.engine;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.spi.XaEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** PostgreSQL, through pgJDBC. */
final class PostgresqlProfile extends EngineProfile {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresqlProfile.class);

    PostgresqlProfile() {
        super(Engine.POSTGRESQL, Binder.create(Engine.POSTGRESQL, true, true, Binder.NullBinding.TYPES_NULL),
                List.of("postgresql", "postgres"), List.of("postgresql"), UrlGrammar.AUTHORITY_QUERY);
    }

    @Override
    public String urlFromPieces(String hostPort, String db) {
        return "jdbc:postgresql://" + hostPort + "/" + db;
    }

    @Override
    public boolean decodesParameterValues() {
        return true;
    }

    @Override
    public boolean acceptsHostlessUrl() {
        return true;
    }

    @Override
    void addTimeoutProperties(Map<String, String> out, Duration connect, Duration socket) {
        // connectTimeout bounds the TCP connect, loginTimeout the whole start-up
        put(out, "connectTimeout", connect, wholeSeconds(connect));
        put(out, "loginTimeout", connect, wholeSeconds(connect));
        put(out, "socketTimeout", socket, wholeSeconds(socket));
    }

    /** pgJDBC executes several {@code ;}-separated statements in one call. */
    @Override
    String combineInitSql(List<String> statements) {
        return String.join(";\n", statements);
    }

    /**
     * pgJDBC's {@code setSchema} runs SET inside the open transaction, so the first rollback would
     * undo it; as a start-up parameter the search_path holds for the connection's life.
     */
    @Override
    public SchemaSwitch schemaSwitch() {
        return SchemaSwitch.CONNECTION_PROPERTY;
    }

    @Override
    public Map<String, String> schemaProperties(String schema) {
        return Map.of("currentSchema", quoted(schema));
    }

    @Override
    public boolean readOnlyConnections() {
        return true;
    }

    /**
     * pgJDBC makes a read-only connection read-only on the server also in auto-commit (SET SESSION
     * CHARACTERISTICS AS TRANSACTION READ ONLY, once per connection).
     */
    @Override
    public Map<String, String> readOnlyPoolProperties() {
        return Map.of("readOnlyMode", "always");
    }

    /** {@code setUrl}, each driver property by {@code setProperty}, the schema as {@code setCurrentSchema}. */
    @Override
    public List<XaEngine.Setter> xaDataSourceSetters(DatabaseConfig config) {
        List<XaEngine.Setter> setters = setters();
        setters.add(XaEngine.Setter.of("setUrl", config.url()));
        credentials(config, setters);
        driverProperties(config).forEach((k, v) -> setters.add(new XaEngine.Setter("setProperty", List.of(k, v),
                false)));
        config.schema().ifPresent(s -> setters.add(XaEngine.Setter.of("setCurrentSchema", quoted(s))));
        return setters;
    }

    @Override
    public void checkXaPreconditions(String label, Connection c) throws SQLException {
        checkPreparedTransactions(label, intSetting(c, "max_prepared_transactions"), intSetting(c, "max_connections"));
    }

    /**
     * @param label          the label
     * @param maxPrepared    the server's {@code max_prepared_transactions}
     * @param maxConnections the server's {@code max_connections}
     * @throws ConfigurationException when {@code maxPrepared} is 0: every {@code PREPARE TRANSACTION} fails
     */
    static void checkPreparedTransactions(String label, int maxPrepared, int maxConnections) {
        if (maxPrepared == 0) {
            throw new ConfigurationException(label, "xa", "Database '" + label + "': xa is true, but this PostgreSQL"
                    + " server has max_prepared_transactions = 0, so it cannot prepare XA branches. Set"
                    + " max_prepared_transactions at least to max_connections (" + maxConnections + ") in"
                    + " postgresql.conf (or ALTER SYSTEM SET max_prepared_transactions = " + maxConnections + ") and"
                    + " restart PostgreSQL.");
        }
        if (maxPrepared < maxConnections) {
            LOG.warn("Database '{}': PostgreSQL max_prepared_transactions is {}, below max_connections {}; XA"
                    + " prepares fail once that many branches are in doubt at the same time", label, maxPrepared,
                    maxConnections);
        }
    }

    @Override
    public XaEngine.ErrorVendor errorVendor() {
        return XaEngine.ErrorVendor.POSTGRESQL;
    }

    private static int intSetting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return Integer.parseInt(rs.getString(1).trim());
        }
    }

    private static String quoted(String schema) {
        return '"' + schema.replace("\"", "\"\"") + '"';
    }

    /** pgJDBC {@code ApplicationName}, shown in {@code pg_stat_activity.application_name}. */
    @Override
    public Map<String, String> applicationNameProperties(String name) {
        return Map.of("ApplicationName", name);
    }
}
