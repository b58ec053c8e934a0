package io.multidb.dao.internal;

import io.multidb.connection.RowMappingException;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.connection.StatementParameterException;
import io.multidb.connection.spi.ErrorTranslation;
import io.multidb.connection.spi.NamedStatement;
import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.spi.StatementEngine;
import io.multidb.dao.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Runs a DAO's statements on its session's connection through the statement engine that sessions
 * use, through the connection pool's {@link StatementEngine} (binding, named parameters, row mappings),
 * so a value binds, a row maps and a mistake fails the same way from a DAO and from a session. No
 * Jdbi handle is involved. One per DAO; used by one thread at a time, like the session.
 */
public final class Statements {
    /** Rows sent per {@code executeBatch()}, so a long list does not pile up in the driver. */
    public static final int BATCH_SIZE = StatementEngine.BATCH_SIZE;

    private final Session session;
    private final Dialect dialect;
    private final StatementEngine engine;

    /**
     * @param session the DAO's session
     * @param dialect the dialect of its database; its engine chooses the binder
     */
    public Statements(Session session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
        this.engine = StatementEngine.of(dialect.engine());
    }

    /**
     * @param label the session's label, for the message
     * @param sql   a statement with {@code :name} parameters
     * @return it rewritten to positional parameters
     * @throws StatementParameterException naming the label, as a session's would
     */
    public static NamedStatement named(String label, String sql) {
        try {
            return StatementEngine.named(sql);
        } catch (StatementParameterException e) {
            throw ErrorTranslation.labelled(label, e);
        }
    }

    /**
     * @param label  the session's label, for the message
     * @param named  a parsed statement
     * @param params a value for every name, and no other key
     * @return one value per placeholder
     * @throws StatementParameterException naming the label, as a session's would
     */
    public static Object[] arguments(String label, NamedStatement named, Map<String, ?> params) {
        try {
            return named.arguments(params);
        } catch (StatementParameterException e) {
            throw ErrorTranslation.labelled(label, e);
        }
    }

    /**
     * @param label the session's label, for the message
     * @param type  the row type
     * @param <T>   the row type
     * @return its mapping
     * @throws RowMappingException naming the label when rows cannot be mapped to the type
     */
    public static <T> RowMapping<T> mapping(String label, Class<T> type) {
        try {
            return StatementEngine.rowMapping(type);
        } catch (RowMappingException e) {
            throw ErrorTranslation.labelled(label, e);
        }
    }

    /** @return the statement engine of the DAO's database */
    public StatementEngine engine() {
        return engine;
    }

    /**
     * @param sql  an insert, update, delete or DDL statement with positional parameters
     * @param args its arguments
     * @return the number of rows changed
     */
    public int update(String sql, Object[] args) {
        Connection c = session.connection();
        try {
            return engine.update(c, sql, args);
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session, sql, e);
        }
    }

    /**
     * @param mapping how rows map
     * @param sql     a query with positional parameters
     * @param args    its arguments
     * @param maxRows rows to read at most, or 0 for all (the rest is not mapped)
     * @param <T>     the row type
     * @return the mapped rows, in order
     */
    public <T> List<T> query(RowMapping<T> mapping, String sql, Object[] args, int maxRows) {
        Connection c = session.connection();
        try {
            return engine.query(c, mapping, sql, args, maxRows);
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session, sql, e);
        } catch (RowMappingException e) {
            throw ErrorTranslation.labelled(session.label(), e);
        }
    }

    /**
     * @param sql  a query returning one numeric column, one row
     * @param args its arguments
     * @return the number in the first row
     */
    public long queryLong(String sql, Object[] args) {
        Connection c = session.connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            engine.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The query returned no row: " + ErrorTranslation.shortenSql(sql));
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session, sql, e);
        }
    }

    /**
     * @param keyType   the key's Java type
     * @param keyColumn the generated key column
     * @param sql       an insert with positional parameters
     * @param args      its arguments
     * @param <K>       the key type
     * @return the key the database generated
     */
    public <K> K insertReturningKey(Class<K> keyType, String keyColumn, String sql, Object[] args) {
        Connection c = session.connection();
        try (PreparedStatement ps = Dialects.prepareReturningKey(dialect, c, sql, keyColumn)) {
            engine.bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("Database '" + session.label() + "' returned no generated key for "
                            + keyColumn + " after: " + ErrorTranslation.shortenSql(sql) + ". Is " + keyColumn + " an identity"
                            + " or auto_increment column, left out of the insert?");
                }
                return StatementEngine.generatedKey(keys, keyType, keyColumn);
            }
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session, sql, e);
        } catch (RowMappingException e) {
            throw ErrorTranslation.labelled(session.label(), e);
        }
    }

    /**
     * @param sql  an insert with positional parameters
     * @param rows one argument array per row
     * @return the number of rows inserted
     */
    public int batch(String sql, List<Object[]> rows) {
        Connection c = session.connection();
        try {
            return engine.batch(c, sql, rows);
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session, sql, e);
        }
    }
}
