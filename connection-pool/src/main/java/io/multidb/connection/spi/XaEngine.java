package io.multidb.connection.spi;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.engine.EngineProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What an {@link XaProvider} needs to know about one engine to pool its XA connections: the
 * {@link javax.sql.XADataSource} class and the setters that configure it for a label (URL,
 * credentials, driver properties with the label's connect and socket timeouts, schema), how the
 * schema is applied to each new connection where the data source could not take it, what to check
 * on the server before the first branch, and how to recognise a broken connection. An XA provider
 * asks this instead of switching on the engine, so that a new engine needs no change in it.
 *
 * <pre>{@code
 * XaEngine xa = XaEngine.of(config.engine());
 * XADataSource ds = (XADataSource) Class.forName(xa.dataSourceClassName())
 *         .getDeclaredConstructor().newInstance();
 * for (XaEngine.Setter s : xa.dataSourceSetters(config)) {
 *     // call s.method() on ds with s.arguments() (String or Properties parameters)
 * }
 * try (Connection c = ds.getXAConnection().getConnection()) {
 *     xa.checkPreconditions(config.label(), c);
 * }
 * }</pre>
 *
 * <p>This SPI may still change before 1.0. Thread-safety: immutable; one instance per engine.
 */
public final class XaEngine {
    private static final XaEngine[] BY_ORDINAL = EngineProfile.all().stream().map(XaEngine::new)
            .toArray(XaEngine[]::new);

    private final EngineProfile profile;

    private XaEngine(EngineProfile profile) {
        this.profile = profile;
    }

    /**
     * @param engine an engine
     * @return what an XA provider needs to know about it; the same instance on every call
     */
    public static XaEngine of(Engine engine) {
        return BY_ORDINAL[engine.ordinal()];
    }

    /**
     * @return the engine
     */
    public Engine engine() {
        return profile.engine();
    }

    /**
     * @return the fully qualified class name of the engine's {@link javax.sql.XADataSource}, which
     *     has a public no-argument constructor
     */
    public String dataSourceClassName() {
        return profile.xaDataSourceClassName();
    }

    /**
     * @param config an XA label's configuration of this engine
     * @return the setters to call on a new instance of {@link #dataSourceClassName()}, in order
     * @throws io.multidb.connection.ConfigurationException when a driver property of the label
     *     cannot be expressed for this engine's data source (a {@code ;} in a URL setting)
     */
    public List<Setter> dataSourceSetters(DatabaseConfig config) {
        return profile.xaDataSourceSetters(config);
    }

    /**
     * Sets a label's schema on a new physical connection, where the {@linkplain #dataSourceSetters
     * setters} could not (MariaDB's catalog, H2's and Oracle's schema); does nothing where they did
     * (PostgreSQL) or where the configuration refuses a schema (SQL Server).
     *
     * @param c      the connection, in auto-commit mode so that no rollback undoes the change
     * @param schema the label's schema
     * @throws SQLException when the driver refuses it
     */
    public void applySchema(Connection c, String schema) throws SQLException {
        profile.applySchema(c, schema);
    }

    /**
     * Checks what would otherwise fail only when a branch is prepared or after a crash: PostgreSQL's
     * {@code max_prepared_transactions} (refused at 0, a WARN below {@code max_connections}), and a
     * MariaDB older than 10.5.2 or MySQL older than 5.7.7 (which lose a prepared branch with its
     * connection). Runs statements on {@code c} and leaves its transaction open: the caller rolls
     * it back.
     *
     * @param label the label, for messages
     * @param c     a connection of the label
     * @throws io.multidb.connection.ConfigurationException when the server cannot take part in XA
     *     transactions; the message names the label and the fix
     * @throws SQLException when the check itself fails
     */
    public void checkPreconditions(String label, Connection c) throws SQLException {
        profile.checkXaPreconditions(label, c);
    }

    /**
     * @return whose error codes tell that a connection broke, for the pool's exception sorter
     */
    public ErrorVendor errorVendor() {
        return profile.errorVendor();
    }

    /**
     * @return whether a fresh connection must list the prepared branches ({@code recover}) before it
     *     commits or rolls back one of them during recovery (H2)
     */
    public boolean listsBranchesBeforeResolving() {
        return profile.listsBranchesBeforeResolving();
    }

    @Override
    public String toString() {
        return "XaEngine{" + engine().key() + "}";
    }

    /** Families of SQL states and vendor codes that mark a connection as broken. */
    public enum ErrorVendor {
        /** PostgreSQL's SQL states. */
        POSTGRESQL,
        /** MySQL's and MariaDB's. */
        MYSQL,
        /** Oracle's. */
        ORACLE,
        /** SQL Server's. */
        SQLSERVER,
        /** None known: the pool's generic rules. */
        GENERIC
    }

    /**
     * One setter call on an XA data source.
     *
     * <p>Thread-safety: immutable.
     *
     * @param method    the method name, for example {@code setUrl}
     * @param arguments its arguments: {@link String}s, or one {@link java.util.Properties}
     * @param secret    whether the arguments must never be shown (a password)
     */
    public record Setter(String method, List<Object> arguments, boolean secret) {
        /**
         * Copies the arguments.
         *
         * @param method    the method name, for example {@code setUrl}
         * @param arguments its arguments: {@link String}s, or one {@link java.util.Properties}
         * @param secret    whether the arguments must never be shown (a password)
         */
        public Setter {
            arguments = List.copyOf(arguments);
        }

        /**
         * @param method the method name
         * @param value  its one argument, not secret
         * @return the setter
         */
        public static Setter of(String method, Object value) {
            return new Setter(method, List.of(value), false);
        }

        /**
         * @return {@code method(arguments)} for messages: {@code ****} for a secret setter, for the
         *     value of a secret-named property ({@code setProperty("sslpassword", ...)}, or in a
         *     {@link java.util.Properties}), and for secrets a URL carries
         */
        @Override
        public String toString() {
            if (secret) {
                return method + "(****)";
            }
            List<String> shown = new java.util.ArrayList<>(arguments.size());
            for (int i = 0; i < arguments.size(); i++) {
                Object a = arguments.get(i);
                if (i == 1 && arguments.size() == 2 && Secrets.isSecretName(String.valueOf(arguments.get(0)))) {
                    shown.add(Secrets.mask(a));
                } else if (a instanceof java.util.Properties p) {
                    java.util.Map<String, String> copy = new java.util.TreeMap<>();
                    p.stringPropertyNames().forEach(k -> copy.put(k, p.getProperty(k)));
                    shown.add(Secrets.maskSecretValues(copy).toString());
                } else {
                    shown.add(Secrets.redact(String.valueOf(a)));
                }
            }
            return method + "(" + String.join(", ", shown) + ")";
        }
    }
}
