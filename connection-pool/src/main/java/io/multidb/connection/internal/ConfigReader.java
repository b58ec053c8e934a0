package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.internal.config.Field;
import io.multidb.connection.internal.config.Key;
import io.multidb.connection.internal.config.Key.Source;
import io.multidb.connection.internal.config.Keys;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads {@link DatabaseConfig}s from the three outside shapes: a map with the Python original's
 * snake_case keys, {@link Properties}, and environment variables. The key table ({@link Keys})
 * drives all three: each key's {@linkplain io.multidb.connection.internal.config.Kind kind} reads a
 * typed value (maps) or text (properties, environment), so the sources accept the same values and
 * report the same errors; the result is always validated by {@link DatabaseConfig.Builder#build()}.
 *
 * <p>Text sources: see {@link io.multidb.connection.internal.config.Kinds}. Several
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
 * <p>Messages never show the value of a {@linkplain Key#secret() secret} key or of a
 * {@linkplain Secrets#isSecretName secret-named} driver property; other values are shown
 * {@linkplain Secrets#redact redacted}.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class ConfigReader {

    private static final String PROPERTY_PREFIX = "multidb.";
    private static final String ENV_PREFIX = "MULTIDB_";
    private static final String ENV_TEST_PREFIX = "MULTIDB_TEST_";
    private static final String ENV_PROPERTIES = "_PROPERTIES_";
    private static final Pattern PROPERTY_INIT_SQL = Pattern.compile("init_sql\\.(\\d{1,9})");
    private static final Pattern ENV_INIT_SQL = Pattern.compile("(.*)_INIT_SQL_(\\d{1,9})");

    /** One name a key can be given under: its own or an alias. */
    private record Name(Key<?> key, String name) {
        Setting read(Field f, Object raw) {
            return read(key, f, raw);
        }

        private <T> Setting read(Key<T> typed, Field f, Object raw) {
            T value = typed.kind().read(f, raw);
            return new Setting(this, value, f.origin(), typed.binding(name, value));
        }

        /** The primary name of the key, when this is an alias; otherwise {@code null}. */
        String aliasOf() {
            return name.equals(key.name()) ? null : key.name();
        }
    }

    /** Every name of every key, in table order, each key's aliases after it. */
    private static final List<Name> NAMES = Keys.ALL.stream()
            .flatMap(k -> Stream.concat(Stream.of(k.name()), k.aliases().stream()).map(n -> new Name(k, n)))
            .toList();
    private static final Map<String, Name> NAMES_BY_NAME = NAMES.stream()
            .collect(Collectors.toUnmodifiableMap(Name::name, n -> n));
    private static final List<String> KEY_NAMES = NAMES.stream().map(Name::name).toList();
    private static final Name INIT_SQL = NAMES_BY_NAME.get(Keys.INIT_SQL.name());
    private static final Name PROPERTIES = NAMES_BY_NAME.get(Keys.PROPERTIES.name());

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
                        + " String, but one is " + (name == null ? "null" : "the " + Field.typeName(name) + " " + name));
            }
            names.add(s);
        }
        names.sort(null);
        names.forEach(name -> key(label, name, null));
        Settings settings = new Settings(label, Source.MAP);
        for (Name key : NAMES) {
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
                Name key = envKey(name, rest, origin);
                source.label(lower(rest.substring(0, rest.length() - key.name().length() - 1)))
                        .put(key, value, origin);
            }
        }
        return source.build();
    }

    private static Name key(String label, String name, String origin) {
        Name key = NAMES_BY_NAME.get(name);
        if (key == null) {
            throw unknownKey(label, name, origin);
        }
        return key;
    }

    private static ConfigurationException unknownKey(String label, String name, String origin) {
        return new ConfigurationException(label, name, "Database '" + label + "': unknown key '" + name + "'."
                + Suggestions.didYouMean(name, KEY_NAMES) + " Valid keys: " + KEY_NAMES
                + (origin == null ? "" : " (" + origin + ")"));
    }

    /** The longest key the variable ends with; otherwise an error suggesting the closest split. */
    private static Name envKey(String name, String rest, String origin) {
        Name found = null;
        for (Name key : NAMES) {
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
            if (Suggestions.closest(rest.substring(at + 1), KEY_NAMES) != null) {
                split = at;
                break;
            }
        }
        throw unknownKey(lower(split > 0 ? rest.substring(0, split) : ""), lower(rest.substring(split + 1)), origin);
    }

    /** One label's settings, each read and bound to the builder, with where it came from. */
    private record Setting(Name key, Object value, String origin, Consumer<DatabaseConfig.Builder> apply) {
    }

    /** Collects the settings of one label and builds its configuration. */
    private static final class Settings {
        private final String label;
        private final Source source;
        private final Map<String, Setting> byKey = new LinkedHashMap<>();

        Settings(String label, Source source) {
            this.label = label;
            this.source = source;
        }

        void add(Name key, Object raw, String origin, boolean text) {
            Field field = new Field(label, key.name(), origin, text, key.key().secret());
            if (!key.key().sources().contains(source)) {
                throw field.fail("cannot be given in " + source.name().toLowerCase(Locale.ROOT)
                        + "; only in " + key.key().sources());
            }
            byKey.put(key.name(), key.read(field, raw));
        }

        DatabaseConfig build() {
            for (Name alias : NAMES) {
                Setting primary = alias.aliasOf() == null ? null : byKey.get(alias.aliasOf());
                Setting second = byKey.get(alias.name());
                if (primary != null && second != null) {
                    if (!primary.value().equals(second.value())) {
                        throw new Field(label, alias.aliasOf(), second.origin(), false, false).fail("and "
                                + alias.name() + " are two names for one setting, and both are given with"
                                + " different values; give only one");
                    }
                    byKey.remove(alias.name());
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
                if (s.key().key().name().equals(key)) {
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
        private final Map<Name, TextValue> values = new HashMap<>();
        private final TreeMap<Integer, TextValue> statements = new TreeMap<>();
        private final Map<String, TextValue> driverProperties = new LinkedHashMap<>();

        TextLabel(String label, boolean namesLostCase) {
            this.label = label;
            this.namesLostCase = namesLostCase;
        }

        void put(Name key, String value, String origin) {
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
            Settings settings = new Settings(label, namesLostCase ? Source.ENVIRONMENT : Source.PROPERTIES);
            for (Name key : NAMES) {
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

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
