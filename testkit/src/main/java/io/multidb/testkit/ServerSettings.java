package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * Where the test server of one engine is, as read from the {@code MULTIDB_TEST_<ENGINE>_URL},
 * {@code _USER} and {@code _PASSWORD} environment variables, with this project's defaults for
 * PostgreSQL and MariaDB. {@link #toString()} never shows the password.
 *
 * @param engine the engine
 * @param url the base JDBC URL, or {@code null} when no server is configured
 * @param user the user, or {@code null} to let the URL or driver decide
 * @param password the password, or {@code null}/empty for none
 */
record ServerSettings(Engine engine, String url, String user, String password) {

    /**
     * Seconds a kit connection may take to connect and log in: a bound against a server that never
     * answers, with room for a slow login on a loaded machine (a probe that gave up too early would
     * skip, or under {@code MULTIDB_TEST_REQUIRE} fail, every test of the engine).
     */
    static final int CONNECT_TIMEOUT_SECONDS = 10;

    /** The in-memory H2 database {@link TestDatabase#admin()} opens; it lives while a connection is open. */
    static final String H2_BASE_URL = "jdbc:h2:mem:multidb_test_base";

    /**
     * Reads the settings of one engine.
     *
     * @param engine the engine
     * @param environment the environment, for example {@code System::getenv}; blank URL and user
     *     values count as unset, a blank password as an empty password
     * @return the settings
     */
    static ServerSettings of(Engine engine, Function<String, String> environment) {
        String prefix = variablePrefix(engine);
        String url = blankToNull(environment.apply(prefix + "_URL"));
        String user = blankToNull(environment.apply(prefix + "_USER"));
        String password = environment.apply(prefix + "_PASSWORD");
        switch (engine) {
            case H2:
                return new ServerSettings(engine, H2_BASE_URL, "sa", "");
            case POSTGRESQL:
                return new ServerSettings(engine, url != null ? url : "jdbc:postgresql://127.0.0.1:5432/test",
                        user != null ? user : "postgres", password);
            case MARIADB:
                return new ServerSettings(engine, url != null ? url : "jdbc:mariadb://127.0.0.1:3306/test",
                        user != null ? user : "root", password != null ? password : "");
            default:
                return new ServerSettings(engine, url, user, password);
        }
    }

    /**
     * @param engine an engine
     * @return the name of its URL variable, for example {@code MULTIDB_TEST_POSTGRESQL_URL}
     */
    static String urlVariable(Engine engine) {
        return variablePrefix(engine) + "_URL";
    }

    private static String variablePrefix(Engine engine) {
        return "MULTIDB_TEST_" + engine.key().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * @return whether a server URL is known
     */
    boolean configured() {
        return url != null;
    }

    /**
     * @return the URL without secrets and the user, for messages: {@code jdbc:... (user postgres)}
     */
    String describe() {
        return JdbcUrls.redact(url) + (user == null ? "" : " (user " + user + ")");
    }

    /**
     * Opens a raw connection to the base database with a {@value #CONNECT_TIMEOUT_SECONDS}-second
     * connect and login timeout.
     *
     * @return a new connection in auto-commit mode
     * @throws SQLException when the connection cannot be made; the message carries no password
     */
    Connection connect() throws SQLException {
        return connect(url, user, password);
    }

    /**
     * Opens a raw connection to any database of this engine with a
     * {@value #CONNECT_TIMEOUT_SECONDS}-second connect and login timeout.
     *
     * @param jdbcUrl the URL
     * @param user the user, or {@code null}
     * @param password the password, or {@code null}/empty for none
     * @return a new connection in auto-commit mode
     * @throws SQLException when the connection cannot be made; the message carries no password
     */
    Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Driver driver;
        try {
            driver = DriverManager.getDriver(jdbcUrl);
        } catch (SQLException e) {
            throw new SQLException("No JDBC driver for " + JdbcUrls.redact(jdbcUrl) + " on the test class path; add "
                    + engine.driverArtifact(), e.getSQLState(), e);
        }
        Properties properties = timeouts(engine);
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
        }
        Connection connection = driver.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException(driver.getClass().getName() + " does not accept " + JdbcUrls.redact(jdbcUrl));
        }
        return connection;
    }

    private static Properties timeouts(Engine engine) {
        Properties properties = new Properties();
        String seconds = Integer.toString(CONNECT_TIMEOUT_SECONDS);
        String millis = Integer.toString(CONNECT_TIMEOUT_SECONDS * 1000);
        switch (engine) {
            case POSTGRESQL:
                properties.setProperty("connectTimeout", seconds);
                properties.setProperty("loginTimeout", seconds);
                break;
            case MARIADB:
                properties.setProperty("connectTimeout", millis);
                break;
            case SQLSERVER:
                properties.setProperty("loginTimeout", seconds);
                break;
            case ORACLE:
                properties.setProperty("oracle.net.CONNECT_TIMEOUT", millis);
                break;
            case H2:
            default:
                break;
        }
        return properties;
    }

    /**
     * Removes this server's password from a message that a driver produced.
     *
     * @param message a message, or {@code null}
     * @return the message with the password and any URL secret replaced by {@code ****}
     */
    String scrub(String message) {
        if (message == null) {
            return null;
        }
        String result = message;
        if (password != null && !password.isEmpty()) {
            result = result.replace(password, "****");
        }
        return JdbcUrls.redact(result);
    }

    @Override
    public String toString() {
        return "ServerSettings[" + engine.key() + " " + (configured() ? describe() : "not configured: "
                + urlVariable(engine) + " is not set") + "]";
    }
}
