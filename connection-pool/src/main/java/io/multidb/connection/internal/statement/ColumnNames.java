package io.multidb.connection.internal.statement;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How result columns are matched to components and properties: ignoring case and underscores. */
public final class ColumnNames {
    private ColumnNames() {
    }

    /**
     * @param name a column, component or property name
     * @return it in lower case without underscores: {@code created_at}, {@code CREATED_AT} and
     *     {@code createdAt} all give {@code createdat}
     */
    public static String normalize(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * @param md a result's columns
     * @return their labels, in order
     * @throws SQLException when the driver cannot describe them
     */
    public static List<String> labels(ResultSetMetaData md) throws SQLException {
        int n = md.getColumnCount();
        List<String> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(md.getColumnLabel(i));
        }
        return out;
    }

    /**
     * @param camel a Java name such as {@code createdAt} or {@code httpURLPath}
     * @return its snake-case column name: {@code created_at}, {@code http_url_path}
     */
    public static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean upper = c >= 'A' && c <= 'Z';
            if (upper && i > 0) {
                char prev = camel.charAt(i - 1);
                boolean prevLowerOrDigit = prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9';
                boolean nextLower = i + 1 < camel.length() && camel.charAt(i + 1) >= 'a' && camel.charAt(i + 1) <= 'z';
                boolean prevUpper = prev >= 'A' && prev <= 'Z';
                if (prevLowerOrDigit || prevUpper && nextLower) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
