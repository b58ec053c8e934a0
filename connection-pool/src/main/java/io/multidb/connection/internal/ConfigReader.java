package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.IsolationLevel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@link DatabaseConfig}s from the three outside shapes: a map with the Python original's
 * snake_case keys, {@link Properties}, and environment variables. One key table drives all three:
 * each key has a kind that reads a typed value (maps) or text (properties, environment), so the
 * sources accept the same values and report the same errors; the result is always validated by
 * {@link DatabaseConfig.Builder#build()}.
 *
 * <p>Text sources: {@code true}/{@code false} in any case; whole numbers as digits; seconds as a
 * decimal ({@code 0.25}); surrounding blanks are ignored except in text-valued keys. Several
 * {@code init_sql} statements are numbered: {@code multidb.<label>.init_sql.1},
 * {@code .2}, ... or {@code MULTIDB_<LABEL>_INIT_SQL_1}, ..., run in numeric order (a plain
 * {@code init_sql} is one statement; both at once are an error). Driver properties are
 * {@code multidb.<label>.properties.<name>} and {@code MULTIDB_<LABEL>_PROPERTIES_<NAME>}; they are
 * checked against the names the label's driver reports ({@link DriverPropertyNames}), the second
 * form getting the driver's spelling back since a variable name cannot carry it, and each error
 * names the property or variable at fault. Environment variables starting with
 * {@code MULTIDB_TEST_} configure the test suite and are ignored, so the labels {@code test} and
 * {@code test_*} cannot be configured from the environment; a label cannot contain
 * {@code _PROPERTIES_} there either.
 *
 * <p>Messages never show the value of {@code password} or of any {@linkplain JdbcUrl#isSecretName
 * secret-named} key; other values are shown {@linkplain JdbcUrl#redact redacted}.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class ConfigReader {

    private static final String PROPERTY_PREFIX = "multidb.";
    private static final String ENV_PREFIX = "MULTIDB_";
    private static final String ENV_TEST_PREFIX = "MULTIDB_TEST_";
    private static final String ENV_PROPERTIES = "_PROPERTIES_";
    private static final Pattern WHOLE_TEXT = Pattern.compile("[+-]?\\d+");
    private static final Pattern PROPERTY_INIT_SQL = Pattern.compile("init_sql\\.(\\d{1,9})");
    private static final Pattern ENV_INIT_SQL = Pattern.compile("(.*)_INIT_SQL_(\\d{1,9})");
    private static final Pattern ISOLATION_SEPARATORS = Pattern.compile("[\\s_\\-]+");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final Set<Class<?>> WHOLE_NUMBER_TYPES = Set.of(Integer.class, Long.class, Short.class,
            Byte.class, BigInteger.class, BigDecimal.class, Double.class, Float.class);
    private static final String ENGINES = Arrays.stream(Engine.values()).map(Engine::key)
            .collect(Collectors.joining(", "));
    private static final String ISOLATIONS = Arrays.stream(IsolationLevel.values())
            .map(i -> i.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    /** How one kind of value is read: from a typed value, and from text (into a typed value first). */
    private record Kind<T>(String expected, BiFunction<Field, Object, T> fromValue,
            BiFunction<Field, String, Object> fromText) {
        T read(Field f, Object raw) {
            Object value = f.text ? fromText.apply(f, raw.toString()) : raw;
            T result = value == null ? null : fromValue.apply(f, value);
            if (result == null) {
                throw f.fail("must be " + expected + ", " + f.describe(raw));
            }
            return result;
        }
    }

    private static final Kind<String> TEXT = new Kind<>("text",
            (f, v) -> v instanceof CharSequence s ? s.toString() : null, (f, t) -> t);
    private static final Kind<Integer> WHOLE_NUMBER = new Kind<>("a whole number", ConfigReader::wholeNumber,
            (f, t) -> WHOLE_TEXT.matcher(t.strip()).matches() ? new BigInteger(t.strip()) : null);
    private static final Kind<Boolean> BOOLEAN = new Kind<>("true or false",
            (f, v) -> v instanceof Boolean b ? b : null,
            (f, t) -> t.strip().equalsIgnoreCase("true") || t.strip().equalsIgnoreCase("false")
                    ? Boolean.valueOf(t.strip()) : null);
    private static final Kind<Duration> SECONDS = new Kind<>("a number of seconds (or a java.time.Duration)",
            ConfigReader::seconds, (f, t) -> {
                try {
                    return new BigDecimal(t.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            });
    private static final Kind<Engine> ENGINE = new Kind<>("one of " + ENGINES, ConfigReader::engine, (f, t) -> t);
    private static final Kind<IsolationLevel> ISOLATION = new Kind<>("one of " + ISOLATIONS,
            ConfigReader::isolation, (f, t) -> t);
    private static final Kind<List<String>> STATEMENTS = new Kind<>("a statement or a list of statements",
            ConfigReader::statements, (f, t) -> t);
    private static final Kind<Map<String, String>> DRIVER_PROPERTIES = new Kind<>(
            "a map of driver property names to text, numbers or booleans", ConfigReader::driverProperties,
            (f, t) -> {
                throw f.fail("takes one entry per driver property, as multidb.<label>.properties.<name>=value or"
                        + " MULTIDB_<LABEL>_PROPERTIES_<NAME>=value");
            });

    /** A configuration key: its name, kind, and how it sets the builder ({@code null}: checked only). */
    private record Key<T>(String name, Kind<T> kind, BiConsumer<DatabaseConfig.Builder, T> apply) {
        /** Reads a value and binds it to this key's setter, keeping the type without a cast. */
        Setting read(Field f, Object raw) {
            T value = kind.read(f, raw);
            return new Setting(this, value, f.origin, b -> {
                if (apply != null) {
                    apply.accept(b, value);
                }
            });
        }
    }

    /** The keys of the DESIGN table, in the order they are applied and listed. */
    private static final List<Key<?>> KEYS = List.of(
            new Key<>("engine", ENGINE, DatabaseConfig.Builder::engine),
            new Key<>("connection_string", TEXT, DatabaseConfig.Builder::connectionString),
            new Key<>("url", TEXT, DatabaseConfig.Builder::url),
            new Key<>("host", TEXT, DatabaseConfig.Builder::host),
            new Key<>("port", WHOLE_NUMBER, DatabaseConfig.Builder::port),
            new Key<>("db", TEXT, DatabaseConfig.Builder::database),
            new Key<>("database", TEXT, DatabaseConfig.Builder::database),
            new Key<>("user", TEXT, DatabaseConfig.Builder::user),
            new Key<>("username", TEXT, DatabaseConfig.Builder::user),
            new Key<>("password", TEXT, DatabaseConfig.Builder::password),
            new Key<>("schema", TEXT, DatabaseConfig.Builder::schema),
            new Key<>("label", TEXT, null),
            new Key<>("pool_size", WHOLE_NUMBER, DatabaseConfig.Builder::poolSize),
            new Key<>("max_overflow", WHOLE_NUMBER, DatabaseConfig.Builder::maxOverflow),
            new Key<>("pool_timeout", SECONDS, DatabaseConfig.Builder::poolTimeout),
            // -1 is the Python original's "never recycle"
            new Key<>("pool_recycle", SECONDS, (b, d) -> b.poolRecycle(d.equals(Duration.ofSeconds(-1))
                    ? Duration.ZERO : d)),
            new Key<>("pool_pre_ping", BOOLEAN, DatabaseConfig.Builder::poolPrePing),
            new Key<>("read_only", BOOLEAN, DatabaseConfig.Builder::readOnly),
            new Key<>("isolation", ISOLATION, DatabaseConfig.Builder::isolation),
            new Key<>("init_sql", STATEMENTS, DatabaseConfig.Builder::initSql),
            new Key<>("properties", DRIVER_PROPERTIES, DatabaseConfig.Builder::properties),
            new Key<>("xa", BOOLEAN, DatabaseConfig.Builder::xa),
            new Key<>("lazy", BOOLEAN, DatabaseConfig.Builder::lazy),
            new Key<>("fair_queue", BOOLEAN, DatabaseConfig.Builder::fairQueue),
            new Key<>("driver_class", TEXT, DatabaseConfig.Builder::driverClass),
            new Key<>("connect_timeout", SECONDS, DatabaseConfig.Builder::connectTimeout),
            new Key<>("socket_timeout", SECONDS, DatabaseConfig.Builder::socketTimeout),
            new Key<>("validation_timeout", SECONDS, DatabaseConfig.Builder::validationTimeout),
            new Key<>("leak_detection_threshold", SECONDS, DatabaseConfig.Builder::leakDetectionThreshold));
    private static final Map<String, Key<?>> KEYS_BY_NAME = KEYS.stream()
            .collect(Collectors.toUnmodifiableMap(Key::name, k -> k));
    private static final List<String> KEY_NAMES = KEYS.stream().map(Key::name).toList();
    /** Two names for one setting: alias → primary. */
    private static final Map<String, String> ALIASES = Map.of("database", "db", "username", "user",
            "url", "connection_string");
    private static final Key<?> INIT_SQL = KEYS_BY_NAME.get("init_sql");
    private static final Key<?> PROPERTIES = KEYS_BY_NAME.get("properties");

    private ConfigReader() {
    }

    /**
     * Reads one label's map (see {@link DatabaseConfig#fromMap}); types are strict, {@code null}
     * means "not set".
     *
     * @param label the label
     * @param map   the settings
     * @return the validated configuration
     * @throws ConfigurationException naming the label and key of the first problem: unknown keys
     *     (alphabetically) first, then the keys in table order, then the builder's checks
     */
    public static DatabaseConfig fromMap(String label, Map<String, ?> map) {
        if (map == null) {
            throw new ConfigurationException(label, null, "Database '" + label + "': the configuration map is null");
        }
        List<String> names = new ArrayList<>();
        for (Object name : map.keySet()) {
            if (!(name instanceof String s)) {
                throw new ConfigurationException(label, null, "Database '" + label + "': every key must be a"
                        + " String, but one is " + (name == null ? "null" : "the " + typeName(name) + " " + name));
            }
            names.add(s);
        }
        names.sort(null);
        names.forEach(name -> key(label, name, null));
        Settings settings = new Settings(label);
        for (Key<?> key : KEYS) {
            Object value = map.get(key.name());
            if (value != null) {
                settings.add(key, value, null, false);
            }
        }
        return settings.build();
    }

    /**
     * Reads every label from {@code multidb.<label>.<key>=value} entries (see
     * {@link DatabaseConfig#fromProperties}); other entries are ignored.
     *
     * @param properties the properties, defaults included
     * @return the configurations by label, sorted, unmodifiable
     * @throws ConfigurationException for the first problem, naming the property
     */
    public static Map<String, DatabaseConfig> fromProperties(Properties properties) {
        Objects.requireNonNull(properties, "properties");
        TextSource source = new TextSource(false);
        for (String name : new TreeSet<>(properties.stringPropertyNames())) {
            if (!name.startsWith(PROPERTY_PREFIX)) {
                continue;
            }
            String origin = "property '" + name + "'";
            String rest = name.substring(PROPERTY_PREFIX.length());
            int dot = rest.indexOf('.');
            String label = dot < 0 ? rest : rest.substring(0, dot);
            String keyPart = dot < 0 ? "" : rest.substring(dot + 1);
            if (label.isEmpty() || keyPart.isEmpty()) {
                throw new ConfigurationException(label.isEmpty() ? null : label, keyPart.isEmpty() ? null : keyPart,
                        "Property '" + name + "' names"
                        + " no " + (label.isEmpty() ? "label" : "key") + "; write multidb.<label>.<key>=value, for"
                        + " example multidb.orders.url=jdbc:postgresql://db.internal/orders");
            }
            Matcher initSql = PROPERTY_INIT_SQL.matcher(keyPart);
            String value = properties.getProperty(name);
            if (keyPart.startsWith("properties.")) {
                source.label(label).driverProperty(keyPart.substring("properties.".length()), value, origin);
            } else if (initSql.matches()) {
                source.label(label).statement(Integer.parseInt(initSql.group(1)), value, origin);
            } else {
                source.label(label).put(key(label, keyPart, origin), value, origin);
            }
        }
        return source.build();
    }

    /**
     * Reads every label from {@code MULTIDB_<LABEL>_<KEY>} variables (see
     * {@link DatabaseConfig#fromEnvironment}); the key is the longest valid key the name ends
     * with, the label what precedes it, lower-cased; a driver property gets the driver's spelling
     * ({@link DriverPropertyNames#restore}). {@code MULTIDB_TEST_*} is ignored (it configures the
     * test suite).
     *
     * @param environment the variables, usually {@link System#getenv()}
     * @return the configurations by label, sorted, unmodifiable
     * @throws ConfigurationException for the first problem, naming the variable
     */
    public static Map<String, DatabaseConfig> fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        TextSource source = new TextSource(true);
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!name.startsWith(ENV_PREFIX) || name.startsWith(ENV_TEST_PREFIX)) {
                continue;
            }
            String origin = "environment variable '" + name + "'";
            String rest = name.substring(ENV_PREFIX.length());
            String value = environment.get(name);
            int properties = rest.indexOf(ENV_PROPERTIES);
            Matcher initSql = ENV_INIT_SQL.matcher(rest);
            if (properties > 0) {
                source.label(lower(rest.substring(0, properties))).driverProperty(
                        lower(rest.substring(properties + ENV_PROPERTIES.length())), value, origin);
            } else if (initSql.matches() && !initSql.group(1).isEmpty()) {
                source.label(lower(initSql.group(1))).statement(Integer.parseInt(initSql.group(2)), value, origin);
            } else {
                Key<?> key = envKey(name, rest, origin);
                source.label(lower(rest.substring(0, rest.length() - key.name().length() - 1)))
                        .put(key, value, origin);
            }
        }
        return source.build();
    }

    /**
     * The candidate closest to a misspelt name, for "Did you mean" hints on keys, labels and driver
     * properties. Names are compared lower-cased without {@code _}, {@code -} and {@code .}; a
     * candidate qualifies within an edit distance (with transpositions) of 1 to 3, growing with
     * the length, or when one name is a prefix of the other.
     *
     * @param wanted     the name that was not found
     * @param candidates the valid names
     * @return the best candidate, or {@code null} when none is close
     */
    public static String closest(String wanted, Collection<String> candidates) {
        if (wanted == null || candidates == null) {
            return null;
        }
        String w = normalize(wanted);
        int limit = Math.min(3, Math.max(1, w.length() / 2));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate == null) {
                continue;
            }
            String c = normalize(candidate);
            int distance = distance(w, c);
            boolean prefix = Math.min(w.length(), c.length()) >= 2 && (c.startsWith(w) || w.startsWith(c));
            if ((distance <= limit || prefix) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    private static Key<?> key(String label, String name, String origin) {
        Key<?> key = KEYS_BY_NAME.get(name);
        if (key == null) {
            throw unknownKey(label, name, origin);
        }
        return key;
    }

    private static ConfigurationException unknownKey(String label, String name, String origin) {
        String suggestion = closest(name, KEY_NAMES);
        return new ConfigurationException(label, name, "Database '" + label + "': unknown key '" + name + "'."
                + (suggestion == null ? "" : " Did you mean '" + suggestion + "'?") + " Valid keys: " + KEY_NAMES
                + (origin == null ? "" : " (" + origin + ")"));
    }

    /** The longest key the variable ends with; otherwise an error suggesting the closest split. */
    private static Key<?> envKey(String name, String rest, String origin) {
        Key<?> found = null;
        for (Key<?> key : KEYS) {
            String upper = key.name().toUpperCase(Locale.ROOT);
            if ((rest.equals(upper) || rest.endsWith("_" + upper))
                    && (found == null || key.name().length() > found.name().length())) {
                found = key;
            }
        }
        if (found != null && rest.length() > found.name().length() + 1) {
            return found;
        }
        if (found != null || rest.isEmpty()) {
            String key = found == null ? "<KEY>" : found.name().toUpperCase(Locale.ROOT);
            throw new ConfigurationException(null, found == null ? null : found.name(), "Environment variable '"
                    + name + "' names no label; write MULTIDB_<LABEL>_" + key + ", for example MULTIDB_ORDERS_" + key);
        }
        // try the last segment, then the last two, ...: the first one close to a key is the likeliest typo
        int split = rest.lastIndexOf('_');
        for (int at = split; at > 0; at = rest.lastIndexOf('_', at - 1)) {
            if (closest(rest.substring(at + 1), KEY_NAMES) != null) {
                split = at;
                break;
            }
        }
        throw unknownKey(lower(split > 0 ? rest.substring(0, split) : ""), lower(rest.substring(split + 1)), origin);
    }

    /** One label's settings, each read and bound to the builder, with where it came from. */
    private record Setting(Key<?> key, Object value, String origin, Consumer<DatabaseConfig.Builder> apply) {
    }

    /** Collects the settings of one label and builds its configuration. */
    private static final class Settings {
        private final String label;
        private final Map<String, Setting> byKey = new LinkedHashMap<>();

        Settings(String label) {
            this.label = label;
        }

        void add(Key<?> key, Object raw, String origin, boolean text) {
            boolean secret = JdbcUrl.isSecretName(key.name());
            byKey.put(key.name(), key.read(new Field(label, key.name(), origin, text, secret), raw));
        }

        DatabaseConfig build() {
            for (Map.Entry<String, String> alias : ALIASES.entrySet()) {
                Setting primary = byKey.get(alias.getValue());
                Setting second = byKey.get(alias.getKey());
                if (primary != null && second != null) {
                    if (!primary.value().equals(second.value())) {
                        throw new Field(label, alias.getValue(), second.origin(), false, false).fail("and "
                                + alias.getKey() + " are two names for one setting, and both are given with"
                                + " different values; give only one");
                    }
                    byKey.remove(alias.getKey());
                }
            }
            Setting given = byKey.get("label");
            if (given != null && !given.value().equals(label)) {
                throw new Field(label, "label", given.origin(), false, false).fail("'" + given.value()
                        + "' differs from the label '" + label + "' it is configured under");
            }
            DatabaseConfig.Builder builder = DatabaseConfig.builder(label);
            byKey.values().forEach(s -> s.apply().accept(builder));
            try {
                return builder.build();
            } catch (ConfigurationException e) {
                String origin = origin(e.key());
                if (origin == null) {
                    throw e;
                }
                throw new ConfigurationException(e.label(), e.key(), e.getMessage() + " (" + origin + ")");
            }
        }

        /** Where a key (or its alias) was set; otherwise where the label's first setting was. */
        private String origin(String key) {
            for (Setting s : byKey.values()) {
                if (s.key().name().equals(key) || key != null && key.equals(ALIASES.get(s.key().name()))) {
                    return s.origin();
                }
            }
            return byKey.values().stream().map(Setting::origin).filter(o -> o != null).findFirst().orElse(null);
        }
    }

    /** Text settings of every label, gathered before any is read. */
    private static final class TextSource {
        private final Map<String, TextLabel> labels = new TreeMap<>();
        private final boolean namesLostCase;

        /** @param namesLostCase driver property names come without their case (environment variables) */
        TextSource(boolean namesLostCase) {
            this.namesLostCase = namesLostCase;
        }

        TextLabel label(String label) {
            return labels.computeIfAbsent(label, l -> new TextLabel(l, namesLostCase));
        }

        Map<String, DatabaseConfig> build() {
            Map<String, DatabaseConfig> out = new TreeMap<>();
            labels.forEach((label, text) -> out.put(label, text.build()));
            return Collections.unmodifiableMap(out);
        }
    }

    /** A text value and the property or variable it came from. */
    private record TextValue(String value, String origin) {
    }

    /** One label's text entries: keys, numbered init_sql statements and driver properties. */
    private static final class TextLabel {
        private final String label;
        private final boolean namesLostCase;
        private final Map<Key<?>, TextValue> values = new HashMap<>();
        private final TreeMap<Integer, TextValue> statements = new TreeMap<>();
        private final Map<String, TextValue> driverProperties = new LinkedHashMap<>();

        TextLabel(String label, boolean namesLostCase) {
            this.label = label;
            this.namesLostCase = namesLostCase;
        }

        void put(Key<?> key, String value, String origin) {
            values.put(key, new TextValue(value, origin));
        }

        void statement(int number, String value, String origin) {
            TextValue before = statements.put(number, new TextValue(value, origin));
            if (before != null) {
                throw new Field(label, "init_sql", origin, true, false).fail("statement " + number
                        + " is given twice (also by " + before.origin() + ")");
            }
        }

        void driverProperty(String name, String value, String origin) {
            if (name.isEmpty()) {
                throw new Field(label, "properties", origin, true, false).fail("entry names no driver property");
            }
            TextValue before = driverProperties.put(name, new TextValue(value, origin));
            if (before != null) {
                throw twice(name, origin, before);
            }
        }

        DatabaseConfig build() {
            Settings settings = new Settings(label);
            for (Key<?> key : KEYS) {
                TextValue entry = values.get(key);
                TextValue collected = key == INIT_SQL && !statements.isEmpty() ? statements.firstEntry().getValue()
                        : key == PROPERTIES && !driverProperties.isEmpty() ? driverProperties.values().iterator().next()
                        : null;
                if (entry != null && collected != null) {
                    throw new Field(label, key.name(), entry.origin(), true, false).fail("is given both as one value"
                            + " and as numbered or named entries (" + collected.origin() + "); use one form");
                }
                if (entry != null) {
                    settings.add(key, entry.value(), entry.origin(), true);
                } else if (key == INIT_SQL && collected != null) {
                    settings.add(key, statements.values().stream().map(TextValue::value).toList(), collected.origin(),
                            false);
                }
            }
            if (!driverProperties.isEmpty()) {
                // the names are checked against the label's driver, which the other settings determine
                Map<String, String> named = driverPropertyNames(settings.build());
                settings.add(PROPERTIES, named, driverProperties.values().iterator().next().origin(), false);
            }
            return settings.build();
        }

        /** The driver properties under the names the driver reports, each checked with its origin. */
        private Map<String, String> driverPropertyNames(DatabaseConfig located) {
            DriverPropertyNames known = DriverPropertyNames.of(located.driverClassName(), located.url());
            Map<String, TextValue> named = new LinkedHashMap<>();
            driverProperties.forEach((name, entry) -> {
                String spelled = namesLostCase ? known.restore(label, name, entry.origin())
                        : known.check(label, name, entry.origin());
                TextValue before = named.put(spelled, entry);
                if (before != null) {
                    throw twice(spelled, entry.origin(), before);
                }
            });
            Map<String, String> out = new LinkedHashMap<>();
            named.forEach((name, entry) -> out.put(name, entry.value()));
            return out;
        }

        private ConfigurationException twice(String name, String origin, TextValue before) {
            return new Field(label, "properties", origin, true, false).fail("entry '" + name + "' is given twice"
                    + " (also by " + before.origin() + ")");
        }
    }

    /**
     * Where a value is read: label, key, origin (a property or variable; {@code null} for maps),
     * whether it is text, and whether it is secret (never shown).
     */
    private record Field(String label, String key, String origin, boolean text, boolean secret) {
        ConfigurationException fail(String problem) {
            return new ConfigurationException(label, key, "Database '" + label + "': " + key + " " + problem
                    + (origin == null ? "" : " (" + origin + ")"));
        }

        /** "but is the String "ten"" — or only the type when the value is secret. */
        String describe(Object value) {
            String type = typeName(value);
            if (secret) {
                return "but is " + (text ? "not" : ("AEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type)
                        + " (value not shown)";
            }
            if (text) {
                return "but is \"" + shown(value) + "\"";
            }
            return "but is the " + type + " " + (value instanceof CharSequence ? "\"" + shown(value) + "\""
                    : shown(value));
        }

        private static String shown(Object value) {
            String s = JdbcUrl.redact(String.valueOf(value));
            return s.length() > 100 ? s.substring(0, 100) + "..." : s;
        }
    }

    private static String typeName(Object value) {
        return value instanceof CharSequence ? "String" : value instanceof List ? "List" : value instanceof Map ? "Map"
                : value instanceof Set ? "Set" : value.getClass().getSimpleName();
    }

    private static Integer wholeNumber(Field f, Object value) {
        BigDecimal d = WHOLE_NUMBER_TYPES.contains(value.getClass()) ? decimal(value) : null;
        if (d == null || d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            throw f.fail("must be a whole number that fits an int, " + f.describe(value));
        }
    }

    private static Duration seconds(Field f, Object value) {
        if (value instanceof Duration d) {
            return d;
        }
        BigDecimal s = decimal(value);
        if (s == null) {
            return null;
        }
        try {
            BigDecimal[] secondsAndNanos = s.multiply(NANOS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN)
                    .divideAndRemainder(NANOS_PER_SECOND);
            return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
        } catch (ArithmeticException e) {
            throw f.fail("is too large: " + s.toPlainString() + " seconds");
        }
    }

    /** Any finite {@link Number} as a decimal; {@code null} for NaN, infinities and non-numbers. */
    private static BigDecimal decimal(Object value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Number n) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Engine engine(Field f, Object value) {
        if (value instanceof Engine e) {
            return e;
        }
        if (!(value instanceof CharSequence cs)) {
            return null;
        }
        String name = cs.toString();
        try {
            return Engine.fromKey(name);
        } catch (IllegalArgumentException e) {
            Engine alias = JdbcUrl.engineForScheme(name.strip());
            String suggestion = alias != null ? alias.key() : closest(name, Arrays.stream(Engine.values())
                    .map(Engine::key).toList());
            throw f.fail("must be one of " + ENGINES + ", but is '" + name + "'"
                    + (name.strip().equalsIgnoreCase("sqlite") ? "; " + JdbcUrl.SQLITE_HINT
                            : suggestion == null ? "" : ". Did you mean '" + suggestion + "'?"));
        }
    }

    private static IsolationLevel isolation(Field f, Object value) {
        if (value instanceof IsolationLevel level) {
            return level;
        }
        if (!(value instanceof CharSequence cs)) {
            return null;
        }
        String name = ISOLATION_SEPARATORS.matcher(cs.toString().strip()).replaceAll("_").toUpperCase(Locale.ROOT);
        if (name.replace("_", "").equals("AUTOCOMMIT")) {
            throw f.fail("AUTOCOMMIT is not a transaction isolation level (SQLAlchemy uses it to switch"
                    + " transactions off); Multidb sessions always run in a transaction: leave isolation unset,"
                    + " or use one of " + ISOLATIONS);
        }
        for (IsolationLevel level : IsolationLevel.values()) {
            if (level.name().equals(name)) {
                return level;
            }
        }
        throw f.fail("must be one of " + ISOLATIONS + " (any case, with _, - or spaces), but is '" + cs + "'");
    }

    private static List<String> statements(Field f, Object value) {
        if (value instanceof CharSequence cs) {
            return List.of(cs.toString());
        }
        if (!(value instanceof List<?> list)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof CharSequence cs)) {
                throw f.fail("statement " + (out.size() + 1) + " must be text, "
                        + (item == null ? "but is null" : f.describe(item)));
            }
            out.add(cs.toString());
        }
        return out;
    }

    private static Map<String, String> driverProperties(Field f, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof CharSequence name) || name.toString().isBlank()) {
                throw f.fail("names must be non-blank text, but one is " + (e.getKey() == null ? "null"
                        : "'" + e.getKey() + "'"));
            }
            String n = name.toString();
            if (n.equalsIgnoreCase("user") || n.equalsIgnoreCase("password")) {
                throw f.fail("must not hold '" + n + "': give it with the " + n.toLowerCase(Locale.ROOT)
                        + " key, which the pool and the URL checks use");
            }
            Object v = e.getValue();
            if (!(v instanceof CharSequence || v instanceof Number || v instanceof Boolean)) {
                Field item = new Field(f.label, f.key, f.origin, f.text, JdbcUrl.isSecretName(n));
                throw f.fail("value of '" + n + "' must be text, a number or a boolean, "
                        + (v == null ? "but is null" : item.describe(v)));
            }
            out.put(n, v.toString());
        }
        return out;
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    private static String normalize(String name) {
        return lower(name).replace("_", "").replace("-", "").replace(".", "");
    }

    /** Edit distance counting an adjacent transposition as one edit (optimal string alignment). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
