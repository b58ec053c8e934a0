package io.multidb.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed configurations, from all three sources (maps handed to
 * {@code ConnectionPool.configure}, {@link Properties} read by {@link DatabaseConfig#fromProperties}
 * and environment maps read by {@link DatabaseConfig#fromEnvironment}). Every one must be refused
 * with a {@link ConfigurationException} whose message names the label and the key (and whose
 * {@code label()}/{@code key()} say the same), and must leave nothing behind: not configured, no
 * labels, no new pool thread, and a valid configuration is accepted right after.
 */
@Tag("fault")
class BadConfigurationCorpusTest {

    /** A configuration that is valid everywhere; cases break one thing of it. */
    private static final String H2_URL = "jdbc:h2:mem:corpus_base;DB_CLOSE_DELAY=-1";

    /** Threads a pool (HikariCP, Agroal, a driver) would leave behind. */
    private static final java.util.regex.Pattern POOL_THREAD = java.util.regex.Pattern.compile(
            "(?i).*(multidb|hikari|housekeeper|connection adder|connection closer|agroal|mariadb|postgres|h2 ).*");

    private static final AtomicInteger UNIQUE = new AtomicInteger();

    /**
     * One malformed configuration.
     *
     * @param name      readable name, shown as the test name
     * @param source    map, properties or environment
     * @param label     the label the exception must name ({@code null}: the error concerns no label)
     * @param key       the key the exception must name ({@code null}: the configuration as a whole)
     * @param fragments further text the message must hold (a suggestion, the variable's name)
     * @param configure what the application does: read the source and configure
     */
    record Case(String name, String source, String label, String key, List<String> fragments, Runnable configure) {
        @Override
        public String toString() {
            return source + ": " + name;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the corpus
    // ---------------------------------------------------------------------------------------------

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();

        // ---- maps ------------------------------------------------------------------------------
        cases.add(map("unknown key with a typo", "orders", "pool_sise", one("orders", "pool_sise", 5),
                "Did you mean 'pool_size'?"));
        cases.add(map("misspelt password key", "orders", "pasword", one("orders", "pasword", "secret"),
                "Did you mean 'password'?"));
        cases.add(map("camelCase key from a Java habit", "orders", "poolSize", one("orders", "poolSize", 5),
                "Did you mean 'pool_size'?"));
        cases.add(map("pool_size as text", "orders", "pool_size", one("orders", "pool_size", "10"), "\"10\""));
        cases.add(map("negative pool_size", "orders", "pool_size", one("orders", "pool_size", -1), "-1"));
        cases.add(map("fractional pool_size", "orders", "pool_size", one("orders", "pool_size", 2.5), "2.5"));
        cases.add(map("pool_size beyond int", "orders", "pool_size", one("orders", "pool_size", Long.MAX_VALUE)));
        cases.add(map("negative max_overflow", "orders", "max_overflow", one("orders", "max_overflow", -3)));
        cases.add(map("pool_size and max_overflow both 0", "orders", "pool_size",
                one("orders", "pool_size", 0, "max_overflow", 0)));
        cases.add(map("pool_timeout not numeric", "orders", "pool_timeout", one("orders", "pool_timeout", "soon"),
                "\"soon\""));
        cases.add(map("pool_timeout negative", "orders", "pool_timeout", one("orders", "pool_timeout", -5)));
        cases.add(map("pool_timeout below 0.25 s", "orders", "pool_timeout", one("orders", "pool_timeout", 0.1)));
        cases.add(map("pool_timeout absurdly large", "orders", "pool_timeout",
                one("orders", "pool_timeout", new BigDecimal("1e30"))));
        cases.add(map("pool_recycle below 30 s", "orders", "pool_recycle", one("orders", "pool_recycle", 10)));
        cases.add(map("pool_pre_ping as text", "orders", "pool_pre_ping", one("orders", "pool_pre_ping", "yes")));
        cases.add(map("pool_pre_ping false (HikariCP cannot honour it)", "orders", "pool_pre_ping",
                one("orders", "pool_pre_ping", false)));
        cases.add(map("lazy as text", "orders", "lazy", one("orders", "lazy", "false")));
        cases.add(map("read_only as a number", "orders", "read_only", one("orders", "read_only", 1)));
        cases.add(map("unknown engine", "orders", "engine", one("orders", "engine", "postgress", "url", null),
                "Did you mean 'postgresql'?"));
        cases.add(map("engine sqlite", "orders", "engine", one("orders", "engine", "sqlite", "url", null), "H2"));
        cases.add(map("engine as a number", "orders", "engine", one("orders", "engine", 42)));
        cases.add(map("engine contradicting the url", "orders", "engine",
                one("orders", "engine", "mariadb", "url", "jdbc:postgresql://db.internal:5432/app")));
        cases.add(map("url with a broken IPv6 host", "orders", "url",
                one("orders", "url", "jdbc:postgresql://[broken:5432/app")));
        cases.add(map("url with a non-numeric port", "orders", "url",
                one("orders", "url", "postgresql://app@db.internal:fivefour/app")));
        cases.add(map("url with port out of range", "orders", "url",
                one("orders", "url", "jdbc:postgresql://db.internal:99999/app"), "99999"));
        cases.add(map("url neither jdbc: nor scheme://", "orders", "url", one("orders", "url", "db.internal/app")));
        cases.add(map("connection_string with an unsupported scheme", "orders", "connection_string",
                one("orders", "connection_string", "ftp://db.internal/app", "url", null), "ftp"));
        cases.add(map("blank url", "orders", "url", one("orders", "url", "  ")));
        cases.add(map("url as a java.net.URI", "orders", "url",
                one("orders", "url", URI.create("postgresql://db.internal/app"))));
        cases.add(map("url and connection_string disagree", "orders", "connection_string",
                one("orders", "connection_string", "jdbc:h2:mem:other;DB_CLOSE_DELAY=-1")));
        cases.add(map("port out of range", "orders", "port",
                one("orders", "url", null, "engine", "postgresql", "host", "db.internal", "db", "app", "port", 70000),
                "70000"));
        cases.add(map("port 0", "orders", "port",
                one("orders", "url", null, "engine", "postgresql", "host", "db.internal", "db", "app", "port", 0)));
        cases.add(map("port as text", "orders", "port",
                one("orders", "url", null, "engine", "postgresql", "host", "db.internal", "db", "app", "port", "5432")));
        cases.add(map("host conflicting with the url", "orders", "host",
                one("orders", "url", "jdbc:postgresql://db1.internal:5432/app", "host", "db2.internal"), "db2.internal"));
        cases.add(map("port conflicting with the url", "orders", "port",
                one("orders", "url", "jdbc:postgresql://db1.internal:5432/app", "port", 6543), "6543"));
        cases.add(map("db conflicting with the url", "orders", "db",
                one("orders", "url", "jdbc:postgresql://db1.internal:5432/app", "db", "other"), "other"));
        cases.add(map("host with blanks", "orders", "host",
                one("orders", "url", null, "engine", "postgresql", "host", "db internal", "db", "app")));
        cases.add(map("no url and no host", "orders", "host",
                one("orders", "url", null, "engine", "postgresql", "db", "app")));
        cases.add(map("no url and no engine", "orders", "engine", one("orders", "url", null, "db", "app")));
        cases.add(map("label value differs from its map key", "orders", "label", one("orders", "label", "sales"),
                "'sales'"));
        cases.add(map("DatabaseConfig under another map key", "orders", "label",
                Map.of("orders", DatabaseConfig.fromMap("sales", Map.of("url", H2_URL))), "'sales'"));
        cases.add(map("blank label", "", "label", Map.of("", Map.of("url", H2_URL))));
        cases.add(map("label with a blank inside", "or ders", "label", Map.of("or ders", Map.of("url", H2_URL))));
        cases.add(map("null label", null, "label", nullKeyed(Map.of("url", H2_URL))));
        cases.add(map("null configuration", "orders", null, nullValued("orders"), "null"));
        cases.add(map("configuration that is a bare url string", "orders", null, Map.of("orders", H2_URL),
                "java.lang.String"));
        cases.add(map("configuration key that is not a String", "orders", "42", nonStringKey("orders")));
        cases.add(map("configuration key that is null", "orders", null, nullKeyInConfig("orders")));
        cases.add(map("init_sql a number", "orders", "init_sql", one("orders", "init_sql", 42)));
        cases.add(map("init_sql with an empty statement", "orders", "init_sql",
                one("orders", "init_sql", List.of("set schema public", " ")), "statement 2"));
        cases.add(map("init_sql with a null statement", "orders", "init_sql",
                one("orders", "init_sql", listWithNull("select 1")), "statement 2"));
        cases.add(map("init_sql a map", "orders", "init_sql", one("orders", "init_sql", Map.of("1", "select 1"))));
        cases.add(map("properties not a map", "orders", "properties",
                one("orders", "properties", "sslmode=require")));
        cases.add(map("properties with a null value", "orders", "properties",
                one("orders", "properties", nullValued("sslmode"))));
        cases.add(map("properties holding the password", "orders", "properties",
                one("orders", "properties", Map.of("password", "secret"))));
        cases.add(map("properties with a list value", "orders", "properties",
                one("orders", "properties", Map.of("sslmode", List.of("require")))));
        cases.add(map("isolation unknown", "orders", "isolation", one("orders", "isolation", "serialisable-ish")));
        cases.add(map("isolation autocommit", "orders", "isolation", one("orders", "isolation", "AUTOCOMMIT")));
        cases.add(map("blank schema", "orders", "schema", one("orders", "schema", " ")));
        cases.add(map("driver_class not on the class path", "orders", "driver_class",
                one("orders", "driver_class", "com.example.NoSuchDriver"), "com.example.NoSuchDriver"));
        cases.add(map("xa on H2 without JTA support enabled", "orders", "xa", one("orders", "xa", true)));
        cases.add(map("one bad label among good eager ones", "orders", "pool_size", several(
                "alpha", with(valid("alpha"), "lazy", false),
                "orders", with(valid("orders"), "pool_size", -1),
                "omega", with(valid("omega"), "lazy", false))));
        cases.add(map("bad key in the last of several labels", "zulu", "max_overflw", several(
                "alpha", with(valid("alpha"), "lazy", false),
                "beta", valid("beta"),
                "zulu", with(valid("zulu"), "max_overflw", 2)), "Did you mean 'max_overflow'?"));

        // ---- properties ------------------------------------------------------------------------
        cases.add(props("unknown key with a typo", "orders", "pool_sise",
                "multidb.orders.url", H2_URL, "multidb.orders.pool_sise", "5"));
        cases.add(props("pool_size not a number", "orders", "pool_size",
                "multidb.orders.url", H2_URL, "multidb.orders.pool_size", "ten"));
        cases.add(props("negative pool_size", "orders", "pool_size",
                "multidb.orders.url", H2_URL, "multidb.orders.pool_size", "-1"));
        cases.add(props("pool_timeout not numeric", "orders", "pool_timeout",
                "multidb.orders.url", H2_URL, "multidb.orders.pool_timeout", "30s"));
        cases.add(props("unknown engine", "orders", "engine",
                "multidb.orders.engine", "oracel", "multidb.orders.db", "app", "multidb.orders.host", "db.internal"));
        cases.add(props("url with bad syntax", "orders", "url",
                "multidb.orders.url", "postgresql://app@[broken/app"));
        cases.add(props("label mismatch", "orders", "label",
                "multidb.orders.url", H2_URL, "multidb.orders.label", "sales"));
        cases.add(props("properties given as one value", "orders", "properties",
                "multidb.orders.url", H2_URL, "multidb.orders.properties", "sslmode=require"));
        cases.add(props("driver property with no name", "orders", "properties",
                "multidb.orders.url", H2_URL, "multidb.orders.properties.", "x"));
        cases.add(props("lazy neither true nor false", "orders", "lazy",
                "multidb.orders.url", H2_URL, "multidb.orders.lazy", "maybe"));
        cases.add(props("xa yes", "orders", "xa", "multidb.orders.url", H2_URL, "multidb.orders.xa", "yes"));
        cases.add(props("port out of range", "orders", "port", "multidb.orders.engine", "postgresql",
                "multidb.orders.host", "db.internal", "multidb.orders.db", "app", "multidb.orders.port", "99999"));
        cases.add(props("init_sql both plain and numbered", "orders", "init_sql", "multidb.orders.url", H2_URL,
                "multidb.orders.init_sql", "select 1", "multidb.orders.init_sql.1", "select 2"));
        cases.add(props("numbered init_sql blank", "orders", "init_sql", "multidb.orders.url", H2_URL,
                "multidb.orders.init_sql.1", "select 1", "multidb.orders.init_sql.2", "  "));
        cases.add(props("isolation autocommit", "orders", "isolation", "multidb.orders.url", H2_URL,
                "multidb.orders.isolation", "autocommit"));
        cases.add(props("host conflicting with the url", "orders", "host",
                "multidb.orders.url", "jdbc:postgresql://db1.internal/app", "multidb.orders.host", "db2.internal"));
        cases.add(props("blank label", null, "url", "multidb..url", H2_URL));
        cases.add(props("label without a key", "orders", null, "multidb.orders", H2_URL));
        cases.add(props("bad one of several labels", "orders", "max_overflow",
                "multidb.alpha.url", H2_URL, "multidb.alpha.lazy", "false",
                "multidb.orders.url", H2_URL, "multidb.orders.max_overflow", "-2"));

        // ---- environment -----------------------------------------------------------------------
        cases.add(env("unknown key with a typo", "orders", "pool_sise",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_POOL_SISE", "5"));
        cases.add(env("pool_size not a number", "orders", "pool_size",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_POOL_SIZE", "ten"));
        cases.add(env("negative max_overflow", "orders", "max_overflow",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_MAX_OVERFLOW", "-1"));
        cases.add(env("pool_timeout not numeric", "orders", "pool_timeout",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_POOL_TIMEOUT", "never"));
        cases.add(env("unknown engine", "orders", "engine", "MULTIDB_ORDERS_ENGINE", "mongodb",
                "MULTIDB_ORDERS_HOST", "db.internal", "MULTIDB_ORDERS_DB", "app"));
        cases.add(env("url with bad syntax", "orders", "url", "MULTIDB_ORDERS_URL", "jdbc:mariadb:app"));
        cases.add(env("label mismatch", "orders", "label",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_LABEL", "sales"));
        cases.add(env("port 0", "orders", "port", "MULTIDB_ORDERS_ENGINE", "postgresql",
                "MULTIDB_ORDERS_HOST", "db.internal", "MULTIDB_ORDERS_DB", "app", "MULTIDB_ORDERS_PORT", "0"));
        cases.add(env("properties given as one value", "orders", "properties",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_PROPERTIES", "sslmode=require"));
        cases.add(env("lazy neither true nor false", "orders", "lazy",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_LAZY", "nope"));
        cases.add(env("a key with no label", null, "url", "MULTIDB_URL", H2_URL));
        cases.add(env("host conflicting with the url", "orders", "host",
                "MULTIDB_ORDERS_URL", "jdbc:postgresql://db1.internal/app", "MULTIDB_ORDERS_HOST", "db2.internal"));
        cases.add(env("init_sql statement given twice", "orders", "init_sql", "MULTIDB_ORDERS_URL", H2_URL,
                "MULTIDB_ORDERS_INIT_SQL_1", "select 1", "MULTIDB_ORDERS_INIT_SQL_01", "select 2"));
        cases.add(env("bad one of several labels", "orders", "pool_recycle",
                "MULTIDB_ALPHA_URL", H2_URL, "MULTIDB_ALPHA_LAZY", "false",
                "MULTIDB_ORDERS_URL", H2_URL, "MULTIDB_ORDERS_POOL_RECYCLE", "5"));
        return cases.stream();
    }

    // ---------------------------------------------------------------------------------------------
    // the checks
    // ---------------------------------------------------------------------------------------------

    @BeforeEach
    void nothingConfigured() {
        ConnectionPool.closeAllConnections();
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    @AfterEach
    void closeEverything() {
        ConnectionPool.closeAllConnections();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void isRefusedNamingLabelAndKeyAndLeavesNothingBehind(Case c) {
        Set<Thread> before = liveThreads();

        Throwable thrown = catchThrowable(c.configure()::run);

        assertThat(thrown).as("what %s threw", c).isInstanceOf(ConfigurationException.class);
        ConfigurationException e = (ConfigurationException) thrown;
        assertThat(e.getCause()).as("a configuration error needs no cause").isNull();
        List<String> wrong = deviations(c, e);

        assertNothingLeftBehind(before);
        assertAValidConfigurationIsAcceptedNow();

        assertThat(wrong).as("what the ConfigurationException says wrongly").isEmpty();
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }

    /** Where the exception does not name what it must: label and key (accessors and message), fragments, origin. */
    private static List<String> deviations(Case c, ConfigurationException e) {
        String message = e.getMessage();
        List<String> wrong = new ArrayList<>();
        if (!java.util.Objects.equals(e.label(), c.label())) {
            wrong.add("label() is " + quoted(e.label()) + ", expected " + quoted(c.label()) + ": " + message);
        }
        if (!java.util.Objects.equals(e.key(), c.key())) {
            wrong.add("key() is " + quoted(e.key()) + ", expected " + quoted(c.key()) + ": " + message);
        }
        boolean text = !c.source().equals("map");
        // text sources name the label inside the property or variable (MULTIDB_ORDERS_...)
        if (c.label() != null && !c.label().isEmpty() && !(text ? message.toLowerCase(java.util.Locale.ROOT)
                .contains(c.label()) : message.contains("'" + c.label() + "'"))) {
            wrong.add("the message does not name the label " + c.label() + ": " + message);
        }
        if (c.key() != null && !(text ? message.toLowerCase(java.util.Locale.ROOT).contains(c.key())
                : message.contains(c.key()))) {
            wrong.add("the message does not name the key " + c.key() + ": " + message);
        }
        for (String fragment : c.fragments()) {
            if (!message.contains(fragment)) {
                wrong.add("the message lacks '" + fragment + "': " + message);
            }
        }
        String origin = c.source().equals("properties") ? "multidb." : c.source().equals("environment") ? "MULTIDB_"
                : null;
        if (origin != null && !message.contains(origin)) {
            wrong.add("the message does not say which " + c.source() + " entry is at fault: " + message);
        }
        return wrong;
    }

    /**
     * Validation passes for every label, the first eager label opens its pool, then the second
     * cannot connect: configure fails, and the first pool must be closed again (threads gone).
     */
    @Test
    void anEagerLabelThatCannotConnectClosesThePoolsAlreadyOpened() {
        Set<Thread> before = liveThreads();
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("alpha", with(valid("alpha"), "lazy", false, "pool_size", 2));
        configs.put("unreachable", Map.of("url", "jdbc:postgresql://127.0.0.1:1/app", "user", "app",
                "lazy", false, "pool_timeout", 0.5));
        configs.put("omega", with(valid("omega"), "lazy", false));

        Throwable thrown = catchThrowable(() -> ConnectionPool.configure(configs));

        assertThat(thrown).isInstanceOfSatisfying(ConnectionFailedException.class,
                e -> assertThat(e.label()).isEqualTo("unreachable"));
        assertNothingLeftBehind(before);
        assertAValidConfigurationIsAcceptedNow();
    }

    @Test
    void theCorpusIsLargeAndCoversAllThreeSources() {
        List<Case> all = corpus().toList();
        Map<String, Long> bySource = all.stream().collect(Collectors.groupingBy(Case::source, Collectors.counting()));
        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(bySource).containsKeys("map", "properties", "environment");
        assertThat(bySource.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(10));
        assertThat(all.stream().map(Case::toString).distinct().count()).as("case names are unique")
                .isEqualTo(all.size());
    }

    private static void assertNothingLeftBehind(Set<Thread> before) {
        assertThat(ConnectionPool.isConfigured()).as("configured after a failed configure").isFalse();
        assertThat(ConnectionPool.labels()).as("labels after a failed configure").isEmpty();
        List<String> left = awaitNoNewPoolThreads(before, Duration.ofSeconds(5));
        assertThat(left).as("pool threads started by the failed configure and still alive").isEmpty();
    }

    private static void assertAValidConfigurationIsAcceptedNow() {
        String label = "after_" + UNIQUE.incrementAndGet();
        ConnectionPool.configure(Map.of(label, with(valid(label), "lazy", false)));
        try {
            assertThat(ConnectionPool.labels()).containsExactly(label);
            try (Session s = DatabaseManager.getSession(label)) {
                assertThat(s.query(Integer.class, "select 1")).containsExactly(1);
            }
        } finally {
            ConnectionPool.closeAllConnections();
        }
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    // ---------------------------------------------------------------------------------------------
    // helpers
    // ---------------------------------------------------------------------------------------------

    static Set<Thread> liveThreads() {
        return Collections.unmodifiableSet(new java.util.HashSet<>(Thread.getAllStackTraces().keySet()));
    }

    /**
     * Waits (bounded) for the pool threads that were not alive in {@code before} to end.
     *
     * @return the names of those still alive at the deadline
     */
    static List<String> awaitNoNewPoolThreads(Set<Thread> before, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<String> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && POOL_THREAD.matcher(t.getName()).matches())
                    .map(Thread::getName).sorted().toList();
            if (left.isEmpty()) {
                return left;
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(20);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return left;
            }
        } while (System.nanoTime() < deadline);
        return left;
    }

    private static Map<String, Object> valid(String label) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", "jdbc:h2:mem:corpus_" + label + "_" + UNIQUE.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        m.put("user", "sa");
        m.put("pool_size", 1);
        return m;
    }

    /** The base map plus changes; a {@code null} value removes the key. */
    private static Map<String, Object> with(Map<String, Object> base, Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] == null) {
                out.remove((String) keysAndValues[i]);
            } else {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return out;
    }

    /** One label: the valid base with changes. */
    private static Map<String, Object> one(String label, Object... keysAndValues) {
        return Map.of(label, with(valid(label), keysAndValues));
    }

    private static Map<String, Object> several(Object... labelsAndConfigs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndConfigs.length; i += 2) {
            out.put((String) labelsAndConfigs[i], labelsAndConfigs[i + 1]);
        }
        return out;
    }

    private static Map<String, Object> nullKeyed(Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(null, value);
        return m;
    }

    private static Map<String, Object> nullValued(String key) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, null);
        return m;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, Object> nonStringKey(String label) {
        Map raw = new LinkedHashMap<>(valid(label));
        raw.put(42, "forty-two");
        return Map.of(label, raw);
    }

    private static Map<String, Object> nullKeyInConfig(String label) {
        Map<String, Object> raw = new HashMap<>(valid(label));
        raw.put(null, "x");
        return Map.of(label, raw);
    }

    private static List<String> listWithNull(String first) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.add(null);
        return l;
    }

    private static Case map(String name, String label, String key, Map<String, ?> configs, String... fragments) {
        return new Case(name, "map", label, key, List.of(fragments), () -> ConnectionPool.configure(configs));
    }

    private static Case props(String name, String label, String key, String... namesAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            p.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Case(name, "properties", label, key, List.of(),
                () -> ConnectionPool.configure(DatabaseConfig.fromProperties(p)));
    }

    private static Case env(String name, String label, String key, String... namesAndValues) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            environment.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        // a real environment also holds unrelated variables and the test suite's own
        environment.put("PATH", "/usr/bin");
        environment.put("MULTIDB_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test");
        return new Case(name, "environment", label, key, List.of(),
                () -> ConnectionPool.configure(DatabaseConfig.fromEnvironment(environment)));
    }
}
