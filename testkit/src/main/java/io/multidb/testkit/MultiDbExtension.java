package io.multidb.testkit;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.MultiDb;
import io.multidb.testkit.internal.SharedTransactionDriver;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.opentest4j.TestAbortedException;

/**
 * Gives a test class, or each test, private databases for every label of the application's own
 * configuration, in one call, and checks after each test that nothing leaked. Register it on a
 * {@code static} field for one set of databases per class (created before the first test, dropped
 * after the last) or on an instance field, or with {@link #perTest()}, for new ones per test.
 *
 * <pre>{@code
 * class OrderServiceTest {
 *     @RegisterExtension
 *     static final MultiDbExtension DATABASES = MultiDbExtension.replacing(AppConfig.databases())
 *             .rollbackEachTest();                         // optional: nothing a test writes survives it
 *
 *     @BeforeAll
 *     static void schema(MultiDb db) {                     // the instance is a parameter, or a field
 *         db.inTransaction("orders", s -> s.execute("create table orders (id int primary key, total int)"));
 *     }
 *
 *     @Test
 *     void storesAnOrder(MultiDb db) {
 *         new OrderService(db).place(1, 250);
 *         assertEquals(List.of(Map.of("total", 250)), db.read("orders", s -> s.query("select total from orders")));
 *     }
 * }
 * }</pre>
 *
 * <h2>What replaces each label</h2>
 * <p>Each label keeps its name and its pool settings ({@code pool_size}, {@code max_overflow}, the
 * timeouts, {@code read_only}, {@code isolation}, {@code xa}, {@code lazy}, {@code fair_queue},
 * {@code leak_detection_threshold}); where it connects is replaced. Connection keys
 * ({@code url}, {@code host}, {@code user}, {@code password}, {@code schema}, {@code properties},
 * {@code driver_class}) and {@code init_sql}, which is written for the real engine, are dropped.
 * <ul>
 *   <li>By default each label gets an H2 in-memory database of its own in the compatibility mode
 *       of the label's engine: {@code MODE=PostgreSQL}, {@code MODE=MariaDB},
 *       {@code MODE=Oracle}, {@code MODE=MSSQLServer} (with the settings H2's documentation pairs
 *       with each mode). The database is dropped ({@code SHUTDOWN}) when its class or test ends.</li>
 *   <li>With {@link #onServers()}, or when the environment variable {@code MULTIDB_TEST_TARGET}
 *       is {@code servers}, each label gets a namespace of its own on the real server of its engine,
 *       found as {@link TestDatabase} finds it ({@code MULTIDB_TEST_POSTGRESQL_URL},
 *       {@code MULTIDB_TEST_MARIADB_URL}, ...): a PostgreSQL schema, a MariaDB database, dropped
 *       after the class or test. A test whose server does not answer is skipped, or fails when
 *       {@code MULTIDB_TEST_REQUIRE} names the engine.</li>
 * </ul>
 * Every label also gets {@code leak_detection_threshold: 3600} unless it has a threshold other than
 * 0, so that its open sessions are counted for the leak check. A label given as a
 * {@link DatabaseConfig} keeps the same settings as one given as a map, durations exact to the
 * nanosecond.
 *
 * <h2>Instance or static facade</h2>
 * <p>By default the extension creates a {@link MultiDb}: test methods, lifecycle methods and
 * constructors receive it as a parameter, and non-static fields of type {@code MultiDb} (and static
 * ones, for a per-class scope) are set to it. With {@link #staticFacade()} it calls
 * {@link ConnectionPool#configure(Map)} instead, for code that uses {@code DatabaseManager}, and
 * {@link ConnectionPool#closeAllConnections()} at the end; such test classes must not run in
 * parallel with each other.
 *
 * <h2>Leak check</h2>
 * <p>After each test (after its {@code @AfterEach} methods) the test fails when a label has a
 * session open or a connection lent out; see {@link LeakCheck}. {@link #withoutLeakCheck()} turns
 * this off.
 *
 * <h2>Rollback per test</h2>
 * <p>With {@link #rollbackEachTest()}, each test and its {@code @BeforeEach} and {@code @AfterEach}
 * methods run in one transaction per label, rolled back when the test ends, as Spring's
 * {@code @Transactional} tests do. All sessions and data sources of a label share one connection
 * for the whole class: a session's {@code commit()} only marks a point that its later
 * {@code rollback()} returns to, and what it committed is seen by the sessions after it. What
 * {@code @BeforeAll} methods do is committed. Limits: labels with {@code xa: true} are refused (the
 * transaction manager ends their transactions); work spread over several threads at once on one
 * label shares the one connection; statements that commit by themselves (DDL on MariaDB and H2)
 * cannot be rolled back; read-only sessions ({@code readSession}, {@code read}) share the label's
 * one connection, so they see the test's uncommitted writes, and are not enforced to be read-only
 * (the connection is never made read-only).
 *
 * <p>Thread-safety: an extension object is immutable once built (each method returns a new one)
 * and may be shared; what it creates belongs to one test class or test, kept in JUnit's
 * extension context. Test classes that use the instance may run in parallel, with one exception:
 * stand-ins keep the application's label names, and jta-support lets open instances in one JVM
 * share an XA label only when it reaches the same database, so two classes (or per-test scopes)
 * whose stand-ins have the same {@code xa: true} label must not be open at the same time: the
 * second is refused ("another open instance has XA label ..."). Run them one after the other, for
 * example with the same JUnit {@code @ResourceLock("multidb-xa")} on each such class.
 */
public final class MultiDbExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver, TestInstancePostProcessor {

    /** The environment variable that sends every replaced label to real servers: {@code servers}. */
    public static final String TARGET_VARIABLE = "MULTIDB_TEST_TARGET";

    /** Sessions open longer than this are reported; set so that open sessions are counted. */
    private static final int LEAK_THRESHOLD_SECONDS = 3600;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MultiDbExtension.class);

    private final Map<String, Object> application;
    private final boolean perTest;
    private final Boolean servers;
    private final boolean staticFacade;
    private final boolean rollback;
    private final boolean leakCheck;

    private MultiDbExtension(Map<String, Object> application, boolean perTest, Boolean servers, boolean staticFacade,
            boolean rollback, boolean leakCheck) {
        this.application = application;
        this.perTest = perTest;
        this.servers = servers;
        this.staticFacade = staticFacade;
        this.rollback = rollback;
        this.leakCheck = leakCheck;
    }

    /**
     * An extension that replaces every label of the application's configuration.
     *
     * @param applicationConfigs the map the application hands to {@code ConnectionPool.configure}
     *                           or {@code MultiDb.create}: label to a map of keys or to a
     *                           {@link DatabaseConfig} (as {@link DatabaseConfig#fromProperties}
     *                           and {@link DatabaseConfig#fromEnvironment} return)
     * @return the extension, with databases per class, on H2, an instance, leak check on
     * @throws IllegalArgumentException when the map is empty or a value is neither a map nor a
     *     {@code DatabaseConfig}
     * @throws io.multidb.connection.ConfigurationException when a label's engine cannot be told
     */
    public static MultiDbExtension replacing(Map<String, ?> applicationConfigs) {
        Objects.requireNonNull(applicationConfigs, "applicationConfigs");
        if (applicationConfigs.isEmpty()) {
            throw new IllegalArgumentException("MultiDbExtension.replacing(...) needs at least one label");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        applicationConfigs.forEach((label, value) -> {
            if (!(value instanceof Map<?, ?>) && !(value instanceof DatabaseConfig)) {
                throw new IllegalArgumentException("Label '" + label + "': a configuration must be a Map or a"
                        + " DatabaseConfig, but is " + (value == null ? "null" : value.getClass().getName()));
            }
            copy.put(label, value);
            Stand.engineOf(label, value); // fails now, naming the label, rather than in the first test
        });
        return new MultiDbExtension(Collections.unmodifiableMap(copy), false, null, false, false, true);
    }

    /** @return a copy that creates (and drops) the databases for each test rather than each class */
    public MultiDbExtension perTest() {
        return new MultiDbExtension(application, true, servers, staticFacade, rollback, leakCheck);
    }

    /**
     * @return a copy that puts each label on the real server of its engine, whatever
     *     {@value #TARGET_VARIABLE} says
     */
    public MultiDbExtension onServers() {
        return new MultiDbExtension(application, perTest, true, staticFacade, rollback, leakCheck);
    }

    /**
     * @return a copy that puts each label on H2 in its engine's compatibility mode, whatever
     *     {@value #TARGET_VARIABLE} says
     */
    public MultiDbExtension onH2() {
        return new MultiDbExtension(application, perTest, false, staticFacade, rollback, leakCheck);
    }

    /**
     * @return a copy that configures the static facade ({@code ConnectionPool},
     *     {@code DatabaseManager}) instead of creating an instance
     */
    public MultiDbExtension staticFacade() {
        return new MultiDbExtension(application, perTest, servers, true, rollback, leakCheck);
    }

    /** @return a copy that rolls back, at its end, everything each test wrote (see the class comment) */
    public MultiDbExtension rollbackEachTest() {
        return new MultiDbExtension(application, perTest, servers, staticFacade, true, leakCheck);
    }

    /** @return a copy that does not fail tests that leave a session open or a connection lent out */
    public MultiDbExtension withoutLeakCheck() {
        return new MultiDbExtension(application, perTest, servers, staticFacade, rollback, false);
    }

    /**
     * The configuration the current class or test runs with: the stand-ins for the application's
     * labels, for opening raw connections or for configuring code the extension does not reach.
     *
     * @param context the current extension context (a parameter of lifecycle callbacks); usually
     *                tests take a {@link MultiDb} parameter instead
     * @return label to configuration map, unmodifiable
     * @throws IllegalStateException outside a class or test this extension serves
     */
    public Map<String, Map<String, Object>> configs(ExtensionContext context) {
        return scope(context).configs;
    }

    // --- lifecycle

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            open(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        Scope scope = findScope(context);
        if (scope == null) {
            scope = open(context);
            injectFields(context.getRequiredTestInstance(), scope);
        }
        if (scope.transactions != null) {
            scope.transactions.begin();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        Scope scope = findScope(context);
        if (scope == null) {
            return;
        }
        try {
            if (leakCheck && context.getExecutionException().isEmpty()) {
                scope.leakCheck().verify(context.getDisplayName());
            }
        } finally {
            if (scope.transactions != null) {
                scope.transactions.rollback();
            }
            if (scope.owner == context) {
                close(context, scope);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        Scope scope = context.getStore(NAMESPACE).get(context.getUniqueId(), Scope.class);
        if (scope != null) {
            close(context, scope);
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
        Scope scope = findScope(context);
        if (scope != null) {
            injectFields(testInstance, scope);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == MultiDb.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Scope scope = findScope(extensionContext);
        if (scope == null && perTest && extensionContext.getTestMethod().isPresent()) {
            scope = open(extensionContext);
        }
        if (scope == null) {
            throw new ExtensionConfigurationException("No MultiDb here: a per-test MultiDbExtension creates its"
                    + " databases for each test, so @BeforeAll methods and constructors cannot receive one");
        }
        if (scope.db == null) {
            throw new ExtensionConfigurationException("No MultiDb here: this MultiDbExtension configures the static"
                    + " facade (staticFacade()); use ConnectionPool and DatabaseManager");
        }
        return scope.db;
    }

    // --- scopes

    private Scope findScope(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Scope scope = c.getStore(NAMESPACE).get(c.getUniqueId(), Scope.class);
            if (scope != null) {
                return scope;
            }
        }
        return null;
    }

    private Scope scope(ExtensionContext context) {
        Scope scope = findScope(context);
        if (scope == null) {
            throw new IllegalStateException("MultiDbExtension has no databases for " + context.getDisplayName());
        }
        return scope;
    }

    private Scope open(ExtensionContext context) {
        boolean onServers = servers != null ? servers
                : "servers".equalsIgnoreCase(String.valueOf(System.getenv(TARGET_VARIABLE)).strip());
        Scope scope = new Scope(context);
        context.getStore(NAMESPACE).put(context.getUniqueId(), scope);
        try {
            if (rollback) {
                scope.transactions = SharedTransactionDriver.openScope();
            }
            Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
            application.forEach((label, value) -> configs.put(label, scope.standIn(label, value, onServers)));
            scope.configs = Collections.unmodifiableMap(configs);
            if (staticFacade) {
                ConnectionPool.configure(configs);
                scope.configuredFacade = true; // only now is the facade this scope's to close
            } else {
                scope.db = MultiDb.create(configs);
            }
            if (context.getTestClass().isPresent()) {
                injectStaticFields(context.getRequiredTestClass(), scope);
            }
            return scope;
        } catch (RuntimeException e) {
            try {
                scope.close();
            } catch (SQLException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            context.getStore(NAMESPACE).remove(context.getUniqueId());
            throw e;
        }
    }

    private void close(ExtensionContext context, Scope scope) throws SQLException {
        context.getStore(NAMESPACE).remove(context.getUniqueId());
        scope.close();
    }

    private static void injectStaticFields(Class<?> testClass, Scope scope) {
        if (scope.db == null) {
            return;
        }
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == MultiDb.class && Modifier.isStatic(field.getModifiers())
                        && !Modifier.isFinal(field.getModifiers())) {
                    set(field, null, scope.db);
                }
            }
        }
    }

    private static void injectFields(Object testInstance, Scope scope) {
        if (scope.db == null) {
            return;
        }
        for (Class<?> c = testInstance.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == MultiDb.class && !Modifier.isStatic(field.getModifiers())
                        && !Modifier.isFinal(field.getModifiers())) {
                    set(field, testInstance, scope.db);
                }
            }
        }
    }

    private static void set(Field field, Object target, MultiDb db) {
        try {
            field.setAccessible(true);
            field.set(target, db);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("Cannot set the MultiDb field " + field + ": " + e, e);
        }
    }

    /** What one class or test has: its stand-in databases, its instance (or the facade), its transactions. */
    private final class Scope {
        private final ExtensionContext owner;
        private final Map<Engine, TestDatabase> servers = new EnumMap<>(Engine.class);
        private final List<String> h2Urls = new ArrayList<>();
        private Map<String, Map<String, Object>> configs = Map.of();
        private MultiDb db;
        /** Whether this scope configured the static facade (and so closes it); never someone else's. */
        private boolean configuredFacade;
        private SharedTransactionDriver.Scope transactions;

        Scope(ExtensionContext owner) {
            this.owner = owner;
        }

        LeakCheck leakCheck() {
            return db != null ? LeakCheck.of(db) : LeakCheck.ofStaticFacade();
        }

        Map<String, Object> standIn(String label, Object value, boolean onServers) {
            Engine engine = Stand.engineOf(label, value);
            Map<String, Object> config = new LinkedHashMap<>(Stand.keptSettings(value, Stand.KEPT_KEYS));
            if (rollback && Boolean.TRUE.equals(config.get("xa"))) {
                throw new ExtensionConfigurationException("rollbackEachTest() cannot roll back label '" + label
                        + "': it has xa: true, and the transaction manager ends its transactions. Leave"
                        + " rollbackEachTest() off for this test class");
            }
            if (Stand.isZeroThreshold(config.get("leak_detection_threshold"))) {
                config.remove("leak_detection_threshold"); // 0 ("never report") would stop sessions being counted
            }
            config.putIfAbsent("leak_detection_threshold", LEAK_THRESHOLD_SECONDS);
            if (onServers && engine != Engine.H2) {
                config.putAll(server(engine).freshConfig());
            } else {
                String url = "jdbc:h2:mem:" + TestNames.unique(label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_"))
                        + H2Modes.settingsFor(engine) + ";DB_CLOSE_DELAY=-1";
                h2Urls.add(url);
                config.put("url", url);
                config.put("user", "sa");
            }
            if (transactions != null) {
                config.put("url", transactions.wrap(String.valueOf(config.get("url"))));
                config.put("driver_class", SharedTransactionDriver.Scope.driverClass());
                config.put("engine", onServers ? engine.key() : Engine.H2.key());
            }
            return config;
        }

        private TestDatabase server(Engine engine) {
            TestDatabase existing = servers.get(engine);
            if (existing != null) {
                return existing;
            }
            if (EngineGate.evaluate(List.of(engine)).isDisabled()) {
                throw new TestAbortedException(EngineGate.evaluate(List.of(engine)).getReason().orElse(""));
            }
            EngineGate.failIfRequiredAndMissing(List.of(engine));
            TestDatabase database = new TestDatabase(TestServers.settings(engine));
            servers.put(engine, database);
            return database;
        }

        void close() throws SQLException {
            SQLException failure = null;
            try {
                if (configuredFacade) {
                    configuredFacade = false;
                    ConnectionPool.closeAllConnections();
                } else if (db != null) {
                    db.close();
                }
            } finally {
                if (transactions != null) {
                    try {
                        transactions.close();
                    } catch (SQLException e) {
                        failure = e;
                    }
                }
                for (String url : h2Urls) {
                    try (Connection c = DriverManager.getConnection(url, "sa", "");
                            Statement s = c.createStatement()) {
                        s.execute("SHUTDOWN");
                    } catch (SQLException e) {
                        failure = chain(failure, e);
                    }
                }
                for (TestDatabase database : servers.values()) {
                    try {
                        database.close();
                    } catch (SQLException e) {
                        failure = chain(failure, e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private SQLException chain(SQLException first, SQLException next) {
            if (first == null) {
                return next;
            }
            first.addSuppressed(next);
            return first;
        }
    }
}
