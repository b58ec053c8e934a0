package io.multidb.connection.internal.config;

import io.multidb.connection.Engine;
import io.multidb.connection.IsolationLevel;
import io.multidb.connection.internal.JdbcUrl;
import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.Suggestions;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value types of the key table. Text sources: {@code true}/{@code false} in any case; whole
 * numbers as digits; seconds as a decimal ({@code 0.25}); surrounding blanks are ignored except in
 * text-valued keys.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class Kinds {
    private static final Pattern WHOLE_TEXT = Pattern.compile("[+-]?\\d+");
    private static final Pattern ISOLATION_SEPARATORS = Pattern.compile("[\\s_\\-]+");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
    private static final Set<Class<?>> WHOLE_NUMBER_TYPES = Set.of(Integer.class, Long.class, Short.class,
            Byte.class, BigInteger.class, BigDecimal.class, Double.class, Float.class);
    private static final String ENGINES = Arrays.stream(Engine.values()).map(Engine::key)
            .collect(Collectors.joining(", "));
    private static final String ISOLATIONS = Arrays.stream(IsolationLevel.values())
            .map(i -> i.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));

    /** Text, as given. */
    public static final Kind<String> TEXT = new Kind<>("text", "text",
            (f, v) -> v instanceof CharSequence s ? s.toString() : null, (f, t) -> t, s -> s);
    /** An {@code int}; any exact integral number in a map. */
    public static final Kind<Integer> WHOLE_NUMBER = new Kind<>("a whole number", "whole number",
            Kinds::wholeNumber,
            (f, t) -> WHOLE_TEXT.matcher(t.strip()).matches() ? new BigInteger(t.strip()) : null, String::valueOf);
    /** {@code true} or {@code false}. */
    public static final Kind<Boolean> BOOLEAN = new Kind<>("true or false", "boolean",
            (f, v) -> v instanceof Boolean b ? b : null,
            (f, t) -> t.strip().equalsIgnoreCase("true") || t.strip().equalsIgnoreCase("false")
                    ? Boolean.valueOf(t.strip()) : null, String::valueOf);
    /** Seconds as any number, or a {@link Duration}. */
    public static final Kind<Duration> SECONDS = new Kind<>("a number of seconds (or a java.time.Duration)",
            "seconds", Kinds::seconds, (f, t) -> {
                try {
                    return new BigDecimal(t.strip());
                } catch (NumberFormatException e) {
                    return null;
                }
            }, Kinds::showSeconds);
    /** An {@link Engine} or its key. */
    public static final Kind<Engine> ENGINE = new Kind<>("one of " + ENGINES, "engine", Kinds::engine,
            (f, t) -> t, Engine::key);
    /** An {@link IsolationLevel} or its name in any case, with {@code _}, {@code -} or blanks. */
    public static final Kind<IsolationLevel> ISOLATION = new Kind<>("one of " + ISOLATIONS, "isolation level",
            Kinds::isolation, (f, t) -> t, i -> i.name().toLowerCase(Locale.ROOT));
    /** One statement, or a list of them; shown as a count, since a statement may hold a secret. */
    public static final Kind<List<String>> STATEMENTS = new Kind<>("a statement or a list of statements",
            "text or list of text", Kinds::statements, (f, t) -> t, l -> l.size() + " statement(s)");
    /** Driver properties; secret-named values are masked when shown. */
    public static final Kind<Map<String, String>> DRIVER_PROPERTIES = new Kind<>(
            "a map of driver property names to text, numbers or booleans", "map", Kinds::driverProperties,
            (f, t) -> {
                throw f.fail("takes one entry per driver property, as multidb.<label>.properties.<name>=value or"
                        + " MULTIDB_<LABEL>_PROPERTIES_<NAME>=value");
            }, p -> Secrets.maskSecretValues(p).toString());

    private Kinds() {
    }

    private static String showSeconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
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
            String suggestion = alias != null ? alias.key() : Suggestions.closest(name, Arrays.stream(Engine.values())
                    .map(Engine::key).toList());
            throw f.fail("must be one of " + ENGINES + ", but is '" + name + "'"
                    + (name.strip().equalsIgnoreCase("sqlite") ? "; " + JdbcUrl.SQLITE_HINT
                            : suggestion == null ? "" : ". " + Suggestions.didYouMean(suggestion)));
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
                Field item = new Field(f.label(), f.key(), f.origin(), f.text(), Secrets.isSecretName(n));
                throw f.fail("value of '" + n + "' must be text, a number or a boolean, "
                        + (v == null ? "but is null" : item.describe(v)));
            }
            out.put(n, v.toString());
        }
        return out;
    }
}
