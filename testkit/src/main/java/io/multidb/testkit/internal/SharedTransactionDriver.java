package io.multidb.testkit.internal;

import io.multidb.testkit.FakeDriver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wrapping JDBC driver behind {@code MultiDbExtension.rollbackEachTest()}. A label it serves
 * has {@code driver_class} set to this class and a URL {@code jdbc:multidbtest<scope>:<engine URL>}
 * (the form of a wrapping driver such as P6Spy's); every connection the label's pools open is a view
 * of one {@link SharedTransaction} per label and scope, opened with the engine's own driver.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class SharedTransactionDriver implements FakeDriver {
    private static final String PREFIX = "jdbc:multidbtest";
    private static final Map<String, Scope> SCOPES = new ConcurrentHashMap<>();
    /** Statements that make a connection's later transactions read-only (upper case, one blank apart). */
    private static final Set<String> READ_ONLY_STATEMENTS = Set.of("SET SESSION TRANSACTION READ ONLY",
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
    /** Driver properties of a read-only pool that would make the shared connection read-only (pgJDBC). */
    private static final Set<String> READ_ONLY_PROPERTIES = Set.of("readOnly", "readOnlyMode");

    static {
        FakeDriver.register(new SharedTransactionDriver());
    }

    /** Created by the label's pool, by class name. */
    public SharedTransactionDriver() {
    }

    /**
     * Starts a scope: the labels of one test class (or test) whose connections share transactions.
     *
     * @return the scope, to {@linkplain Scope#close() close} when the class or test ends
     */
    public static Scope openScope() {
        String token = Long.toHexString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 44));
        Scope scope = new Scope(token);
        SCOPES.put(token, scope);
        return scope;
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX) && url.indexOf(':', PREFIX.length()) > PREFIX.length();
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        int colon = url.indexOf(':', PREFIX.length());
        String token = url.substring(PREFIX.length(), colon);
        Scope scope = SCOPES.get(token);
        if (scope == null) {
            throw new SQLException("The test that configured this label has finished (test kit scope " + token
                    + " is closed)", "08003");
        }
        String engineUrl = "jdbc:" + url.substring(colon + 1);
        String key = engineUrl + '|' + info.getProperty("currentSchema", "") + '|' + info.getProperty("user", "");
        // the label's read-only pool asks for read-only connections; the shared one must stay writable
        Properties shared = new Properties();
        info.stringPropertyNames().stream().filter(name -> !READ_ONLY_PROPERTIES.contains(name))
                .forEach(name -> shared.setProperty(name, info.getProperty(name)));
        return scope.view(key, engineUrl, shared);
    }

    /** The shared transactions of one test class or test. Thread-safe. */
    public static final class Scope implements AutoCloseable {
        private final String token;
        private final Map<String, SharedTransaction> transactions = new ConcurrentHashMap<>();
        private volatile boolean inTest;

        private Scope(String token) {
            this.token = token;
        }

        /**
         * @param engineUrl an engine's own {@code jdbc:} URL
         * @return the URL that routes it through this scope
         */
        public String wrap(String engineUrl) {
            return PREFIX + token + ":" + engineUrl.substring("jdbc:".length());
        }

        /** @return the {@code driver_class} to configure with {@link #wrap(String)} */
        public static String driverClass() {
            return SharedTransactionDriver.class.getName();
        }

        private synchronized Connection view(String key, String engineUrl, Properties info) throws SQLException {
            SharedTransaction tx = transactions.get(key);
            if (tx == null) {
                tx = new SharedTransaction(DriverManager.getConnection(engineUrl, info));
                transactions.put(key, tx);
                if (inTest) {
                    tx.begin();
                }
            }
            return (Connection) Proxy.newProxyInstance(SharedTransactionDriver.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, new View(tx));
        }

        /**
         * A test starts: from now until {@link #rollback()}, commits are kept back.
         *
         * @throws SQLException when a connection cannot start its transaction
         */
        public synchronized void begin() throws SQLException {
            inTest = true;
            for (SharedTransaction tx : transactions.values()) {
                tx.begin();
            }
        }

        /**
         * The test has ended: everything it did is rolled back.
         *
         * @throws SQLException the first failure, later ones suppressed
         */
        public synchronized void rollback() throws SQLException {
            inTest = false;
            SQLException failure = null;
            for (SharedTransaction tx : transactions.values()) {
                try {
                    tx.end();
                } catch (SQLException e) {
                    failure = chain(failure, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        public synchronized void close() throws SQLException {
            SCOPES.remove(token);
            SQLException failure = null;
            List<SharedTransaction> all = new ArrayList<>(transactions.values());
            transactions.clear();
            for (SharedTransaction tx : all) {
                try {
                    tx.close();
                } catch (SQLException e) {
                    failure = chain(failure, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private static SQLException chain(SQLException first, SQLException next) {
            if (first == null) {
                return next;
            }
            first.addSuppressed(next);
            return first;
        }
    }

    /**
     * One pooled connection: passes everything to the shared connection except what would end or
     * change the shared transaction (commit, rollback, auto-commit, read-only, isolation, close) or
     * make it read-only (see {@link #sharedStatement(Statement)}).
     */
    private static final class View implements InvocationHandler {
        private final SharedTransaction tx;
        private volatile boolean closed;
        private volatile boolean autoCommit = true;
        private volatile boolean readOnly;
        private volatile Integer isolation;

        View(SharedTransaction tx) {
            this.tx = tx;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            int arity = args == null ? 0 : args.length;
            switch (name) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "SharedTransactionView@" + Integer.toHexString(System.identityHashCode(proxy));
                case "close":
                case "abort":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed || tx.physical().isClosed();
                case "isValid":
                    return !closed && !tx.physical().isClosed();
                case "setReadOnly":
                    readOnly = (Boolean) args[0];
                    return null;
                case "isReadOnly":
                    return readOnly;
                case "setTransactionIsolation":
                    isolation = (Integer) args[0];
                    return null;
                case "getTransactionIsolation":
                    return isolation != null ? isolation : tx.physical().getTransactionIsolation();
                default:
                    break;
            }
            if (closed && !name.equals("unwrap") && !name.equals("isWrapperFor")) {
                throw new SQLException("Connection is closed", "08003");
            }
            switch (name) {
                case "commit":
                    tx.commit();
                    return null;
                case "rollback":
                    if (arity == 0) {
                        tx.rollback();
                        return null;
                    }
                    break;
                case "setAutoCommit":
                    autoCommit = (Boolean) args[0];
                    tx.setAutoCommitOutsideTest(autoCommit);
                    return null;
                case "getAutoCommit":
                    Boolean physical = tx.autoCommitOutsideTest();
                    return physical != null ? physical : autoCommit;
                case "createStatement":
                    return sharedStatement((Statement) invokePhysical(method, args));
                default:
                    break;
            }
            return invokePhysical(method, args);
        }

        private Object invokePhysical(Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(tx.physical(), args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * A statement of the shared connection that does not run what would make the whole connection
     * read-only: the read-only pool's {@code init_sql} on MariaDB ({@code SET SESSION TRANSACTION
     * READ ONLY}, see connection-pool's {@code MariaDbProfile}). The label's read-only sessions share
     * the connection of its writing sessions, so that they see the test's uncommitted writes; in
     * rollback mode they are not enforced to be read-only.
     */
    private static Statement sharedStatement(Statement statement) {
        return (Statement) Proxy.newProxyInstance(SharedTransactionDriver.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "SharedTransactionStatement@" + Integer.toHexString(System.identityHashCode(proxy));
                        case "execute":
                        case "executeUpdate":
                        case "executeLargeUpdate":
                            if (args != null && args.length == 1 && args[0] instanceof String sql && makesReadOnly(sql)) {
                                return method.getReturnType() == boolean.class ? Boolean.FALSE
                                        : method.getReturnType() == long.class ? (Object) 0L : (Object) 0;
                            }
                            break;
                        default:
                            break;
                    }
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /**
     * @param sql a statement
     * @return whether it makes every later transaction of the connection read-only
     */
    static boolean makesReadOnly(String sql) {
        String normalized = sql.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        if (normalized.endsWith(";")) {
            normalized = normalized.substring(0, normalized.length() - 1).strip();
        }
        return READ_ONLY_STATEMENTS.contains(normalized);
    }
}
