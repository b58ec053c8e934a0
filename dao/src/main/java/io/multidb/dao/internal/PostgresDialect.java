package io.multidb.dao.internal;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** PostgreSQL: folds to lower case, {@code LIMIT/OFFSET}, {@code ON CONFLICT}, {@code nextval}. */
final class PostgresDialect extends AbstractDialect {
    PostgresDialect() {
        super(Engine.POSTGRESQL, 63);
    }

    @Override
    String fold(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    @Override
    String quoted(String folded) {
        return '"' + folded + '"';
    }

    @Override
    String displayName() {
        return "PostgreSQL";
    }

    @Override
    boolean reportsProduct(String product) {
        return product.startsWith("PostgreSQL");
    }

    @Override
    boolean limitOffset() {
        return true;
    }

    @Override
    public String upsert(String table, List<String> keyColumns, List<String> columns) {
        UpsertParts p = upsertParts(table, keyColumns, columns);
        String insert = "INSERT INTO " + p.table() + " (" + join(p.quotedColumns()) + ") VALUES ("
                + parameters(p.columns()) + ") ON CONFLICT (" + join(p.quotedKeys()) + ")";
        if (p.others().isEmpty()) {
            return insert + " DO NOTHING";
        }
        return insert + " DO UPDATE SET " + join(p.quotedOthers().stream().map(c -> c + " = EXCLUDED." + c).toList());
    }

    @Override
    public String nextSequenceValue(String sequence) {
        // a validated name holds no quote that could end the literal
        return "nextval('" + quoteQualifiedName(sequence) + "')";
    }

    @Override
    PreparedStatement prepareReturningKey(Connection connection, String insert, String keyColumn)
            throws SQLException {
        // pgJDBC appends RETURNING with the name quoted as given: pass the stored (folded) name
        return connection.prepareStatement(insert, new String[] {foldCase(keyColumn)});
    }

}
