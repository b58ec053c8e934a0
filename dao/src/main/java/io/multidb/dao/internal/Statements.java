package io.multidb.dao.internal;

import io.multidb.connection.Session;
import io.multidb.dao.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a DAO's statements with plain JDBC on its session's connection, binding every value through
 * the dialect and translating driver failures. No Jdbi handle is involved: this is the hot path.
 * One per DAO; used by one thread at a time, like the session.
 */
public final class Statements {
    /** Rows sent per {@code executeBatch()}, so a long list does not pile up in the driver. */
    public static final int BATCH_SIZE = 1000;

    private final Session session;
    private final Dialect dialect;

    /**
     * @param session the DAO's session
     * @param dialect the dialect of its database
     */
    public Statements(Session session, Dialect dialect) {
        this.session = session;
        this.dialect = dialect;
    }

    /**
     * @param sql  an insert, update, delete or DDL statement with positional parameters
     * @param args its arguments
     * @return the number of rows changed
     */
    public int update(String sql, Object[] args) {
        Connection c = session.connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw SqlFailures.translate(session.label(), sql, e);
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
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                if (!rs.next()) {
                    return out;
                }
                RowReader<T> reader = mapping.reader(rs.getMetaData());
                do {
                    out.add(reader.read(rs));
                } while ((maxRows == 0 || out.size() < maxRows) && rs.next());
                return out;
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(session.label(), sql, e);
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
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The query returned no row: " + SqlFailures.shorten(sql));
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(session.label(), sql, e);
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
        try (PreparedStatement ps = dialect.prepareReturningKey(c, sql, keyColumn)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("Database '" + session.label() + "' returned no generated key for "
                            + keyColumn + " after: " + SqlFailures.shorten(sql) + ". Is " + keyColumn + " an identity"
                            + " or auto_increment column, left out of the insert?");
                }
                return GeneratedKeys.read(keys, keyType, keyColumn);
            }
        } catch (SQLException e) {
            throw SqlFailures.translate(session.label(), sql, e);
        }
    }

    /**
     * @param sql  an insert with positional parameters
     * @param rows one argument array per row
     * @return the number of rows inserted
     */
    public int batch(String sql, List<Object[]> rows) {
        Connection c = session.connection();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int total = 0;
            int pending = 0;
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
                if (++pending == BATCH_SIZE) {
                    total += count(ps.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                total += count(ps.executeBatch());
            }
            return total;
        } catch (SQLException e) {
            throw SqlFailures.translate(session.label(), sql, e);
        }
    }

    private static int count(int[] results) {
        int total = 0;
        for (int r : results) {
            // drivers that rewrite a batch into one statement report SUCCESS_NO_INFO: one row each
            total += r == Statement.SUCCESS_NO_INFO ? 1 : r;
        }
        return total;
    }

    private void bind(PreparedStatement ps, Object[] args) throws SQLException {
        if (args == null) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            dialect.setParameter(ps, i + 1, args[i]);
        }
    }
}
