package io.multidb.connection.internal.engine;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.spi.XaEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** MariaDB, and MySQL servers, through MariaDB Connector/J. */
final class MariaDbProfile extends EngineProfile {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** {@code jdbc:mysql:} is rewritten to {@code jdbc:mariadb:}: the driver takes it only with {@code permitMysqlScheme}. */
    MariaDbProfile() {
        super(Engine.MARIADB, Binder.create(Engine.MARIADB, false, true, Binder.NullBinding.TYPES_NULL),
                List.of("mariadb", "mysql"), List.of("mariadb", "mysql"), UrlGrammar.AUTHORITY_QUERY);
    }

    @Override
    public String urlFromPieces(String hostPort, String db) {
        return "jdbc:mariadb://" + hostPort + "/" + db;
    }

    @Override
    void addTimeoutProperties(Map<String, String> out, Duration connect, Duration socket) {
        put(out, "connectTimeout", connect, millis(connect));
        put(out, "socketTimeout", socket, millis(socket));
    }

    /** MariaDB refuses multi-statements unless allowMultiQueries is set; a compound block needs nothing. */
    @Override
    String combineInitSql(List<String> statements) {
        return "BEGIN NOT ATOMIC\n" + String.join(";\n", statements) + ";\nEND";
    }

    /** MariaDB's schemas are databases: {@code USE <schema>}. */
    @Override
    public SchemaSwitch schemaSwitch() {
        return SchemaSwitch.CATALOG;
    }

    @Override
    public boolean readOnlyConnections() {
        return true;
    }

    /** Unlike the JDBC read-only flag, this also holds for auto-commit statements. */
    @Override
    public List<String> readOnlyPoolInitSql() {
        return List.of("SET SESSION TRANSACTION READ ONLY");
    }

    /** {@code setUrl} with the driver properties in its query. */
    @Override
    public List<XaEngine.Setter> xaDataSourceSetters(DatabaseConfig config) {
        List<XaEngine.Setter> setters = setters();
        setters.add(XaEngine.Setter.of("setUrl", withQuery(config.url(), driverProperties(config))));
        credentials(config, setters);
        return setters;
    }

    @Override
    public void checkXaPreconditions(String label, Connection c) throws SQLException {
        checkKeepsPreparedBranches(label, c.getMetaData().getDatabaseProductVersion());
    }

    /**
     * @param label   the label
     * @param version the server's version string, for example {@code 10.11.6-MariaDB-0+deb12u1}
     * @throws ConfigurationException when the server loses prepared branches on disconnect: MariaDB
     *     before 10.5.2, MySQL before 5.7.7
     */
    static void checkKeepsPreparedBranches(String label, String version) {
        boolean mariaDb = version.toLowerCase(Locale.ROOT).contains("mariadb");
        int[] minimum = mariaDb ? new int[] {10, 5, 2} : new int[] {5, 7, 7};
        Matcher m = VERSION.matcher(version);
        if (!m.find()) {
            throw new ConfigurationException(label, "xa", "Database '" + label + "': cannot read the server version '"
                    + version + "' to check that it keeps prepared XA branches");
        }
        int[] actual = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        if (compare(actual, minimum) < 0) {
            String product = mariaDb ? "MariaDB" : "MySQL";
            throw new ConfigurationException(label, "xa", "Database '" + label + "': xa is true, but this " + product
                    + " server is " + version + ". Before " + product + " " + minimum[0] + "." + minimum[1] + "."
                    + minimum[2] + " a prepared XA branch is rolled back when its connection ends, so a crash after"
                    + " prepare would lose work that the other databases committed. Upgrade the server, or do not"
                    + " set xa on this label.");
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    @Override
    public XaEngine.ErrorVendor errorVendor() {
        return XaEngine.ErrorVendor.MYSQL;
    }

    /**
     * Connector/J's {@code connectionAttributes} entry {@code program_name}, shown in
     * {@code performance_schema.session_connect_attrs}; the driver splits attributes on {@code ,}
     * and {@code :}, so a name holding either is refused.
     */
    @Override
    public Map<String, String> applicationNameProperties(String name) {
        if (name.contains(",") || name.contains(":")) {
            throw new IllegalArgumentException("must not contain ',' or ':' on MariaDB, which separate"
                    + " connection attributes, but is '" + name + "'");
        }
        return Map.of("connectionAttributes", "program_name:" + name);
    }
}
