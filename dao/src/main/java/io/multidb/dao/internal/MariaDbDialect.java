package io.multidb.dao.internal;

import io.multidb.connection.Engine;
import java.util.List;

/**
 * MariaDB (and MySQL): names keep their case, backtick quotes, {@code LIMIT/OFFSET},
 * {@code ON DUPLICATE KEY UPDATE}, sequences as in MariaDB 10.3+.
 */
final class MariaDbDialect extends AbstractDialect {
    MariaDbDialect() {
        super(Engine.MARIADB, 64);
    }

    @Override
    String fold(String identifier) {
        return identifier;
    }

    @Override
    String quoted(String folded) {
        return '`' + folded + '`';
    }

    @Override
    String displayName() {
        return "MariaDB";
    }

    /** MariaDB and MySQL servers. */
    @Override
    boolean reportsProduct(String product) {
        return product.startsWith("MariaDB") || product.startsWith("MySQL");
    }

    @Override
    boolean limitOffset() {
        return true;
    }

    @Override
    public String upsert(String table, List<String> keyColumns, List<String> columns) {
        UpsertParts p = upsertParts(table, keyColumns, columns);
        String key = p.quotedKeys().get(0);
        // with nothing but keys, assigning a key to itself leaves an existing row untouched
        String set = p.others().isEmpty() ? key + " = " + key
                : join(p.quotedOthers().stream().map(c -> c + " = VALUES(" + c + ")").toList());
        return "INSERT INTO " + p.table() + " (" + join(p.quotedColumns()) + ") VALUES (" + parameters(p.columns())
                + ") ON DUPLICATE KEY UPDATE " + set;
    }

    @Override
    public String currentTimestamp() {
        // without a precision MariaDB truncates to whole seconds
        return "CURRENT_TIMESTAMP(6)";
    }
}
