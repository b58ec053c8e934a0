package io.multidb.dao.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.Engine;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.dao.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dialect instances, one per engine, and the engine of a live connection. The list below is
 * the only place in this module that names the engines: a new engine's dialect is added to it (and
 * its connection-pool side is one {@code EngineProfile}).
 */
public final class Dialects {
    /** One dialect per engine, checked when the class loads. */
    private static final List<AbstractDialect> ALL = List.of(new PostgresDialect(), new MariaDbDialect(),
            new H2Dialect(), new OracleDialect(), new SqlServerDialect());
    private static final Map<Engine, Dialect> BY_ENGINE = byEngine(ALL);

    private Dialects() {
    }

    /**
     * @param dialects candidate dialects
     * @return them by engine
     * @throws IllegalStateException when an engine has no dialect or more than one
     */
    static Map<Engine, Dialect> byEngine(List<AbstractDialect> dialects) {
        Map<Engine, Dialect> m = new EnumMap<>(Engine.class);
        for (AbstractDialect d : dialects) {
            if (m.put(d.engine(), d) != null) {
                throw new IllegalStateException("Two dialects for engine " + d.engine());
            }
        }
        Set<Engine> missing = EnumSet.complementOf(EnumSet.copyOf(m.keySet()));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No dialect for engine(s) " + missing);
        }
        return m;
    }

    /**
     * @param engine an engine
     * @return its dialect
     */
    public static Dialect of(Engine engine) {
        if (engine == null) {
            throw new IllegalArgumentException("Engine must not be null");
        }
        return BY_ENGINE.get(engine);
    }

    /**
     * Finds the dialect of a connection from the product name its driver reports (no round trip
     * on the supported drivers). H2 reports "H2" in every compatibility mode: a DAO that wants an
     * H2 database in {@code MODE=Oracle} treated as Oracle passes the dialect explicitly.
     *
     * @param session a session, whose connection is asked
     * @return the dialect
     * @throws io.multidb.connection.ConfigurationException when the product is not one Multidb supports
     */
    public static Dialect detect(Session session) {
        String label = session.label();
        String product;
        try {
            product = session.connection().getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session, "DatabaseMetaData.getDatabaseProductName()", e);
        }
        Engine engine = engineOf(product);
        if (engine == null) {
            throw new ConfigurationException(label, null, "Database '" + label + "' reports product '" + product
                    + "', for which Multidb"
                    + " has no SQL dialect (supported: PostgreSQL, Oracle, SQL Server, H2, MariaDB/MySQL). Pass the"
                    + " closest Dialect to the DAO's constructor, e.g. super(session, Dialect.of(Engine.POSTGRESQL)).");
        }
        return of(engine);
    }

    static Engine engineOf(String product) {
        if (product == null) {
            return null;
        }
        for (AbstractDialect d : ALL) {
            if (d.reportsProduct(product)) {
                return d.engine();
            }
        }
        return null;
    }

    /**
     * @param dialect    a DAO's dialect
     * @param connection the connection
     * @param insert     an insert with positional parameters
     * @param keyColumn  the generated key column
     * @return the insert prepared to return that key, as the dialect's engine needs it
     * @throws SQLException when the driver refuses to prepare the statement
     */
    public static PreparedStatement prepareReturningKey(Dialect dialect, Connection connection, String insert,
            String keyColumn) throws SQLException {
        AbstractDialect d = dialect instanceof AbstractDialect own ? own : (AbstractDialect) of(dialect.engine());
        return d.prepareReturningKey(connection, insert, keyColumn);
    }
}
