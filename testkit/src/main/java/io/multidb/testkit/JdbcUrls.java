package io.multidb.testkit;

import io.multidb.connection.spi.ErrorTranslation;
import java.util.Objects;
import java.util.regex.Pattern;

/** JDBC URL helpers of the test kit: hiding secrets and pointing a URL at another database. */
final class JdbcUrls {

    /** SQL Server {@code ;databaseName=...} or {@code ;database=...}. */
    private static final Pattern SQLSERVER_DATABASE = Pattern.compile("(?i);(databaseName|database)=[^;]*");

    private JdbcUrls() {
    }

    /**
     * @param url a JDBC URL, or {@code null}
     * @return the URL with every secret it carries replaced by {@code ****}, as Multidb's own
     *     messages mask them
     */
    static String redact(String url) {
        return ErrorTranslation.redact(url);
    }

    /**
     * Replaces the database of a URL of the form {@code jdbc:scheme://hosts[/database][?query]},
     * as MariaDB's and MySQL's are.
     *
     * @param url the URL
     * @param database the database the new URL points at
     * @return the URL with {@code /database} in place of the old path, keeping the query
     * @throws IllegalArgumentException when the URL has no {@code //}
     */
    static String withPathDatabase(String url, String database) {
        Objects.requireNonNull(database, "database");
        int authority = url.indexOf("//");
        if (authority < 0) {
            throw new IllegalArgumentException("Not a jdbc:scheme://host/database URL: " + redact(url));
        }
        int query = url.indexOf('?', authority + 2);
        int end = query < 0 ? url.length() : query;
        int slash = url.indexOf('/', authority + 2);
        String hosts = url.substring(0, slash >= 0 && slash < end ? slash : end);
        return hosts + "/" + database + (query < 0 ? "" : url.substring(query));
    }

    /**
     * Replaces the database of a SQL Server URL
     * ({@code jdbc:sqlserver://host:1433;databaseName=x;...}).
     *
     * @param url the URL
     * @param database the database the new URL points at
     * @return the URL without its {@code databaseName}/{@code database} properties and with
     *     {@code ;databaseName=database} appended
     */
    static String withSqlServerDatabase(String url, String database) {
        Objects.requireNonNull(database, "database");
        String stripped = SQLSERVER_DATABASE.matcher(url).replaceAll("");
        if (stripped.endsWith(";")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped + ";databaseName=" + database;
    }
}
