package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowReader;
import io.multidb.connection.spi.RowMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs statements with plain JDBC on a connection, binding through a {@link Binder} and mapping
 * through a {@link RowMapping}: the one statement path of sessions and DAOs. Failures are the
 * driver's {@link SQLException}, which the caller translates with its label; mapping failures are
 * {@link io.multidb.connection.RowMappingException}s without a label, which the caller labels.
 */
public final class SqlRunner {
    /** Rows sent per {@code executeBatch()}, so a long list does not pile up in the driver. */
    public static final int BATCH_SIZE = 1000;

    private SqlRunner() {
    }

    /**
     * @param c      the connection
     * @param binder the engine's binder
     * @param sql    an insert, update, delete or DDL statement with positional parameters
     * @param args   its arguments
     * @return the number of rows changed
     * @throws SQLException when the driver fails
     */
    public static int update(Connection c, Binder binder, String sql, Object[] args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /**
     * @param c       the connection
     * @param binder  the engine's binder
     * @param mapping how rows map
     * @param sql     a query with positional parameters
     * @param args    its arguments
     * @param maxRows rows to read at most, or 0 for all (the rest is not mapped)
     * @param <T>     the row type
     * @return the mapped rows, in order
     * @throws SQLException when the driver fails
     */
    public static <T> List<T> query(Connection c, Binder binder, RowMapping<T> mapping, String sql, Object[] args,
            int maxRows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs, mapping, maxRows);
            }
        }
    }

    /**
     * @param rs      a result set before its first row
     * @param mapping how rows map
     * @param maxRows rows to read at most, or 0 for all
     * @param <T>     the row type
     * @return the mapped rows
     * @throws SQLException when the driver fails
     */
    public static <T> List<T> read(ResultSet rs, RowMapping<T> mapping, int maxRows) throws SQLException {
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

    /**
     * @param c      the connection
     * @param binder the engine's binder
     * @param sql    an insert with positional parameters
     * @param rows   one argument array per row
     * @return the number of rows inserted
     * @throws SQLException when the driver fails
     */
    public static int batch(Connection c, Binder binder, String sql, List<Object[]> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int total = 0;
            int pending = 0;
            for (Object[] row : rows) {
                binder.bind(ps, row);
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
}
