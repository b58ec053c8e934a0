package io.multidb.dao.internal;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** H2 2.x: folds to upper case, {@code OFFSET/FETCH}, {@code MERGE ... KEY}. */
final class H2Dialect extends AbstractDialect {
    H2Dialect() {
        super(Engine.H2, 256);
    }

    @Override
    String fold(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }

    @Override
    String quoted(String folded) {
        return '"' + folded + '"';
    }

    @Override
    String displayName() {
        return "H2";
    }

    /** The driver reports "H2" in every compatibility mode. */
    @Override
    boolean reportsProduct(String product) {
        return product.equals("H2");
    }

    @Override
    public String upsert(String table, List<String> keyColumns, List<String> columns) {
        UpsertParts p = upsertParts(table, keyColumns, columns);
        return "MERGE INTO " + p.table() + " (" + join(p.quotedColumns()) + ") KEY (" + join(p.quotedKeys())
                + ") VALUES (" + parameters(p.columns()) + ")";
    }

    @Override
    PreparedStatement prepareReturningKey(Connection connection, String insert, String keyColumn)
            throws SQLException {
        // by name: RETURN_GENERATED_KEYS would also return other defaulted columns, such as created_at
        return connection.prepareStatement(insert, new String[] {foldCase(keyColumn)});
    }

}
