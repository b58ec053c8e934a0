package io.multidb.connection;

import java.util.Locale;

/**
 * The database engines Multidb supports, with the facts the library needs about each: the
 * configuration name, the default port, the JDBC driver and XA data-source classes and the Maven
 * artifact that provides them.
 *
 * <pre>{@code
 * Engine e = Engine.fromKey("postgresql");
 * e.defaultPort();            // 5432
 * e.driverClassName();        // org.postgresql.Driver
 * e.xaDataSourceClassName();  // org.postgresql.xa.PGXADataSource
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public enum Engine {
    /** PostgreSQL, through the pgJDBC driver. */
    POSTGRESQL("postgresql", 5432, "org.postgresql.Driver", "org.postgresql.xa.PGXADataSource",
            "org.postgresql:postgresql"),
    /** Oracle Database, through the thin driver. */
    ORACLE("oracle", 1521, "oracle.jdbc.OracleDriver", "oracle.jdbc.xa.client.OracleXADataSource",
            "com.oracle.database.jdbc:ojdbc11"),
    /** Microsoft SQL Server, through mssql-jdbc. */
    SQLSERVER("sqlserver", 1433, "com.microsoft.sqlserver.jdbc.SQLServerDriver",
            "com.microsoft.sqlserver.jdbc.SQLServerXADataSource", "com.microsoft.sqlserver:mssql-jdbc"),
    /** H2, in memory, in a file, or as a TCP server. */
    H2("h2", 9092, "org.h2.Driver", "org.h2.jdbcx.JdbcDataSource", "com.h2database:h2"),
    /** MariaDB (and MySQL), through MariaDB Connector/J. */
    MARIADB("mariadb", 3306, "org.mariadb.jdbc.Driver", "org.mariadb.jdbc.MariaDbDataSource",
            "org.mariadb.jdbc:mariadb-java-client");

    private final String key;
    private final int defaultPort;
    private final String driverClassName;
    private final String xaDataSourceClassName;
    private final String driverArtifact;

    Engine(String key, int defaultPort, String driverClassName, String xaDataSourceClassName, String driverArtifact) {
        this.key = key;
        this.defaultPort = defaultPort;
        this.driverClassName = driverClassName;
        this.xaDataSourceClassName = xaDataSourceClassName;
        this.driverArtifact = driverArtifact;
    }

    /**
     * @return the name used in configuration ({@code engine: postgresql})
     */
    public String key() {
        return key;
    }

    /**
     * @return the TCP port the engine listens on unless configured otherwise
     */
    public int defaultPort() {
        return defaultPort;
    }

    /**
     * @return the fully qualified class name of the engine's JDBC driver
     */
    public String driverClassName() {
        return driverClassName;
    }

    /**
     * @return the fully qualified class name of the engine's {@link javax.sql.XADataSource}
     */
    public String xaDataSourceClassName() {
        return xaDataSourceClassName;
    }

    /**
     * @return the Maven coordinates ({@code groupId:artifactId}) of the driver
     */
    public String driverArtifact() {
        return driverArtifact;
    }

    /**
     * Finds an engine by its configuration name, ignoring case.
     *
     * @param key the configuration name, for example {@code "mariadb"}
     * @return the engine
     * @throws IllegalArgumentException when no engine has that name
     */
    public static Engine fromKey(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.key.equals(wanted)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("Unknown engine '" + key + "'; supported: postgresql, oracle, sqlserver, h2,"
                + " mariadb");
    }
}
