package io.multidb.dao.internal;

import io.multidb.connection.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL Server 2012 and later: names keep their case, bracket quotes, {@code OFFSET/FETCH},
 * {@code MERGE ... WITH (HOLDLOCK)}, {@code SYSDATETIME()}.
 */
final class SqlServerDialect extends AbstractDialect {
    SqlServerDialect() {
        super(Engine.SQLSERVER, 128);
    }

    @Override
    String fold(String identifier) {
        return identifier;
    }

    @Override
    String quoted(String folded) {
        return '[' + folded + ']';
    }

    @Override
    String displayName() {
        return "SQL Server";
    }

    @Override
    boolean reportsProduct(String product) {
        return product.startsWith("Microsoft SQL Server");
    }

    @Override
    public String upsert(String table, List<String> keyColumns, List<String> columns) {
        UpsertParts p = upsertParts(table, keyColumns, columns);
        List<String> on = new ArrayList<>();
        for (String key : p.quotedKeys()) {
            on.add("tgt." + key + " = src." + key);
        }
        StringBuilder sql = new StringBuilder("MERGE INTO ").append(p.table())
                .append(" WITH (HOLDLOCK) AS tgt USING (VALUES (").append(parameters(p.columns())).append(")) AS src (")
                .append(join(p.quotedColumns())).append(") ON ").append(String.join(" AND ", on));
        if (!p.others().isEmpty()) {
            sql.append(" WHEN MATCHED THEN UPDATE SET ")
                    .append(join(p.quotedOthers().stream().map(c -> c + " = src." + c).toList()));
        }
        List<String> sources = p.quotedColumns().stream().map(c -> "src." + c).toList();
        // SQL Server requires MERGE to end with a semicolon
        return sql.append(" WHEN NOT MATCHED THEN INSERT (").append(join(p.quotedColumns())).append(") VALUES (")
                .append(join(sources)).append(");").toString();
    }

    @Override
    public String currentTimestamp() {
        // datetime2 precision; CURRENT_TIMESTAMP is a datetime, rounded to 1/300 s
        return "SYSDATETIME()";
    }

}
