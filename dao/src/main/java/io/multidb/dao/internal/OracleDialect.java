package io.multidb.dao.internal;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Oracle 12c and later: folds to upper case, {@code OFFSET/FETCH}, {@code MERGE ... USING DUAL},
 * {@code seq.NEXTVAL}, {@code FROM DUAL}, booleans bound as 1/0.
 */
final class OracleDialect extends AbstractDialect {
    OracleDialect() {
        super(Engine.ORACLE, 128);
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
        return "Oracle";
    }

    @Override
    boolean reportsProduct(String product) {
        return product.startsWith("Oracle");
    }

    @Override
    public String upsert(String table, List<String> keyColumns, List<String> columns) {
        UpsertParts p = upsertParts(table, keyColumns, columns);
        // USING DUAL with the key bound in ON: no derived table whose column types must be inferred
        List<String> on = new ArrayList<>();
        for (int i = 0; i < p.keys().size(); i++) {
            on.add("tgt." + p.quotedKeys().get(i) + " = :" + p.keys().get(i));
        }
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(p.table()).append(" tgt USING DUAL ON (")
                .append(String.join(" AND ", on)).append(')');
        if (!p.others().isEmpty()) {
            List<String> set = new ArrayList<>();
            for (int i = 0; i < p.others().size(); i++) {
                set.add("tgt." + p.quotedOthers().get(i) + " = :" + p.others().get(i));
            }
            sql.append(" WHEN MATCHED THEN UPDATE SET ").append(join(set));
        }
        return sql.append(" WHEN NOT MATCHED THEN INSERT (").append(join(p.quotedColumns())).append(") VALUES (")
                .append(parameters(p.columns())).append(')').toString();
    }

    @Override
    public String currentTimestamp() {
        return "SYSTIMESTAMP";
    }

    @Override
    public String nextSequenceValue(String sequence) {
        return quoteQualifiedName(sequence) + ".NEXTVAL";
    }

    @Override
    public String selectExpression(String expression) {
        return "SELECT " + expression + " FROM DUAL";
    }

    @Override
    PreparedStatement prepareReturningKey(Connection connection, String insert, String keyColumn)
            throws SQLException {
        // RETURN_GENERATED_KEYS would return the ROWID; ask for the column by its stored name
        return connection.prepareStatement(insert, new String[] {foldCase(keyColumn)});
    }

}
