package io.multidb.dao.internal;

import io.multidb.dao.Dialect;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The statements of one entity in one dialect, built once. Columns are listed in component order
 * so rows are read by position.
 *
 * @param selectById        {@code SELECT cols FROM t WHERE id = ?}
 * @param selectPage        {@code SELECT cols FROM t ORDER BY id} plus the dialect's pagination
 * @param insert            {@code INSERT INTO t (all cols) VALUES (...)}
 * @param insertWithoutId   the same without the key column, for generated keys
 * @param update            {@code UPDATE t SET every other col = ? WHERE id = ?}, or {@code null}
 *                          when the key is the only column
 * @param deleteById        {@code DELETE FROM t WHERE id = ?}
 * @param count             {@code SELECT COUNT(*) FROM t}
 */
public record EntitySql(String selectById, String selectPage, String insert, String insertWithoutId, String update,
        String deleteById, String count) {

    static EntitySql build(Dialect dialect, String table, List<String> columns, int idIndex) {
        String t = dialect.quoteQualifiedName(table);
        List<String> quoted = new ArrayList<>();
        for (String c : columns) {
            quoted.add(dialect.quoteIdentifier(c));
        }
        String id = quoted.get(idIndex);
        List<String> others = new ArrayList<>(quoted);
        others.remove(idIndex);
        String select = "SELECT " + String.join(", ", quoted) + " FROM " + t;
        String update = others.isEmpty() ? null : "UPDATE " + t + " SET " + String.join(" = ?, ", others)
                + " = ? WHERE " + id + " = ?";
        return new EntitySql(
                select + " WHERE " + id + " = ?",
                dialect.paginate(select + " ORDER BY " + id),
                "INSERT INTO " + t + " (" + String.join(", ", quoted) + ") VALUES (" + placeholders(quoted.size()) + ")",
                others.isEmpty() ? null : "INSERT INTO " + t + " (" + String.join(", ", others) + ") VALUES ("
                        + placeholders(others.size()) + ")",
                update,
                "DELETE FROM " + t + " WHERE " + id + " = ?",
                "SELECT COUNT(*) FROM " + t);
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
