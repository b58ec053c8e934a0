package io.multidb.connection;

import io.multidb.connection.internal.config.Key;
import io.multidb.connection.internal.config.Keys;
import io.multidb.connection.internal.config.Values;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Where a label's database is and who logs in, and what every connection is set up with: the
 * connection-factory half of a {@link DatabaseConfig} (the other half, how many connections and how
 * long, is {@link PoolSettings}). Code that opens connections itself (an XA pool, a migration
 * tool) needs only this half.
 *
 * <pre>{@code
 * DatabaseConfig orders = DatabaseConfig.fromMap("orders", Map.of("url", "postgresql://app:secret@db/orders"));
 * ConnectionSettings c = orders.connection();
 * c.engine();   // POSTGRESQL
 * c.url();      // "jdbc:postgresql://db:5432/orders" (credentials moved out)
 * c.user();     // Optional[app]
 * c.toString(); // ... password=**** ...
 * }</pre>
 *
 * <p>{@link #toString()} masks the password and secret-named driver properties. Two settings are
 * equal when every connection key is.
 *
 * <p>Thread-safety: immutable and safe to share.
 */
public final class ConnectionSettings {
    private final Values values;

    ConnectionSettings(Values values) {
        this.values = values;
    }

    /**
     * @return the engine, given or inferred from the URL
     */
    public Engine engine() {
        return Keys.ENGINE.get(values);
    }

    /**
     * @return the {@code jdbc:} URL connections are opened with; it never contains a password (one
     *     given in a URL is moved to {@link #password()})
     */
    public String url() {
        return Keys.CONNECTION_STRING.get(values);
    }

    /**
     * @return the user name, or empty when the driver's default applies
     */
    public Optional<String> user() {
        return Optional.ofNullable(Keys.USER.get(values));
    }

    /**
     * The password, for code that must open connections itself. Never log it.
     *
     * @return the password, or empty when none is configured
     */
    public Optional<String> password() {
        return Optional.ofNullable(Keys.PASSWORD.get(values));
    }

    /**
     * @return the default schema set on every connection, if configured
     */
    public Optional<String> schema() {
        return Optional.ofNullable(Keys.SCHEMA.get(values));
    }

    /**
     * @return whether connections are read-only ({@code read_only})
     */
    public boolean readOnly() {
        return Keys.READ_ONLY.get(values);
    }

    /**
     * @return the transaction isolation, if configured; otherwise the database's default
     */
    public Optional<IsolationLevel> isolation() {
        return Optional.ofNullable(Keys.ISOLATION.get(values));
    }

    /**
     * @return statements run once on every new connection ({@code init_sql}), in order
     */
    public List<String> initSql() {
        return Keys.INIT_SQL.get(values);
    }

    /**
     * @return driver properties ({@code properties}, and those the URL carried); secret-looking
     *     values are masked only in {@link #toString()}
     */
    public Map<String, String> properties() {
        return Keys.PROPERTIES.get(values);
    }

    /**
     * @return whether this label takes part in XA transactions ({@code xa})
     */
    public boolean xa() {
        return Keys.XA.get(values);
    }

    /**
     * @return the JDBC driver class: {@code driver_class} when configured (a wrapping driver such as
     *     P6Spy, or a test driver), otherwise the engine's
     */
    public String driverClassName() {
        String driverClass = Keys.DRIVER_CLASS.get(values);
        return driverClass == null ? engine().driverClassName() : driverClass;
    }

    /**
     * @return the longest a new connection may take to connect and log in ({@code connect_timeout});
     *     {@link Duration#ZERO} means the driver's own limit (often none)
     */
    public Duration connectTimeout() {
        return Keys.CONNECT_TIMEOUT.get(values);
    }

    /**
     * @return the longest a statement waits for the database to answer before failing
     *     ({@code socket_timeout}); {@link Duration#ZERO} means no limit
     */
    public Duration socketTimeout() {
        return Keys.SOCKET_TIMEOUT.get(values);
    }

    /**
     * @return the name the database shows for this label's sessions ({@code application_name}), if
     *     configured
     */
    public Optional<String> applicationName() {
        return Optional.ofNullable(Keys.APPLICATION_NAME.get(values));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ConnectionSettings other && values.equalIn(other.values, Key.Part.CONNECTION);
    }

    @Override
    public int hashCode() {
        return values.hashIn(Key.Part.CONNECTION);
    }

    /**
     * @return every connection setting, the password and secret driver properties masked
     */
    @Override
    public String toString() {
        StringJoiner shown = new StringJoiner(", ", "ConnectionSettings{", "}");
        values.showIn(shown, Key.Part.CONNECTION);
        return shown.toString();
    }
}
