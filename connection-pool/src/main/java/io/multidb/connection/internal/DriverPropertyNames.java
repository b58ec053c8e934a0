package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.Engine;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The connection property names a JDBC driver reports through
 * {@link Driver#getPropertyInfo(String, Properties)}, against which a label's driver properties are
 * checked before any pool exists. pgJDBC and MariaDB Connector/J ignore a name they do not know
 * without a word (pgJDBC also one in the wrong case: {@code applicationname} is not
 * {@code ApplicationName}), so a name that matches nothing the driver reports is refused.
 *
 * <p>Two ways to match:
 * <ul>
 *   <li>{@link #check}: for names written with their case (a map, a properties file, the builder);
 *       only the driver's exact spelling passes.</li>
 *   <li>{@link #restore}: for names from environment variables, which cannot carry case, {@code .}
 *       or {@code -}: the driver's name equal ignoring case, otherwise the one equal ignoring case
 *       and {@code _}, {@code -} and {@code .} ({@code APPLICATION_NAME} is {@code ApplicationName},
 *       {@code ORACLE_NET_CONNECT_TIMEOUT} is {@code oracle.net.CONNECT_TIMEOUT}). A name that
 *       matches several is refused rather than guessed.</li>
 * </ul>
 *
 * <p>Some drivers take a few names they do not report: SQL Server's {@code accessToken} (which it
 * accepts only as a property), the options of MariaDB's credential plugins. Those read from the
 * drivers' sources are added to what they report; any other such name can be given as a parameter
 * of the URL, which is passed to the driver as written, and the refusal says so.
 *
 * <p>A driver that reports no names (H2, whose settings are case-insensitive and not listed; a test
 * driver), or that cannot be loaded, created or asked, gives nothing to check against: names then
 * pass unchanged and the driver applies its own rules. A driver missing from the class path is
 * reported by {@code ConnectionPool.configure(...)}.
 *
 * <p>Messages name the label, the entry ({@code properties.<name>}) and the closest name the driver
 * reports; they never show a value.
 *
 * <p>Thread-safety: immutable.
 */
public final class DriverPropertyNames {

    /** Names drivers take without reporting them, by driver class, read from the drivers' sources. */
    private static final Map<String, List<String>> UNREPORTED = Map.of(
            // mssql-jdbc: DRIVER_PROPERTIES_PROPERTY_ONLY, left out of getPropertyInfo
            Engine.SQLSERVER.driverClassName(), List.of("accessToken"),
            // Connector/J: credentialType ENV and PROPERTY (userKey, pwdKey), AWS-IAM (accessKeyId, secretKey, region)
            Engine.MARIADB.driverClassName(), List.of("userKey", "pwdKey", "accessKeyId", "secretKey", "region"));

    private static final String UNLISTED = " A property the driver takes without reporting it can be given as a"
            + " parameter of the url.";

    private final String driverClassName;
    /** In the driver's order; empty when the driver gives none. */
    private final List<String> names;

    private DriverPropertyNames(String driverClassName, List<String> names) {
        this.driverClassName = driverClassName;
        this.names = names;
    }

    /**
     * Asks the driver for its property names; nothing is connected.
     *
     * @param driverClassName the driver the label's pool loads
     * @param url             the label's {@code jdbc:} URL (without credentials)
     * @return the names the driver reports; none when it reports none or cannot be asked
     */
    public static DriverPropertyNames of(String driverClassName, String url) {
        return new DriverPropertyNames(driverClassName, reported(driverClassName, url));
    }

    private static List<String> reported(String driverClassName, String url) {
        Driver driver;
        try {
            Class<?> type = Class.forName(driverClassName, false, DriverPropertyNames.class.getClassLoader());
            if (!Driver.class.isAssignableFrom(type)) {
                return List.of();
            }
            driver = type.asSubclass(Driver.class).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return List.of();
        }
        DriverPropertyInfo[] infos;
        try {
            infos = driver.getPropertyInfo(url, new Properties());
        } catch (SQLException | RuntimeException e) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        if (infos != null) {
            for (DriverPropertyInfo info : infos) {
                if (info != null && info.name != null && !info.name.isBlank()) {
                    names.add(info.name);
                }
            }
        }
        if (!names.isEmpty()) {
            names.addAll(UNREPORTED.getOrDefault(driverClassName, List.of()));
        }
        return List.copyOf(names);
    }

    /**
     * @return whether the driver reported names to check against
     */
    public boolean reported() {
        return !names.isEmpty();
    }

    /**
     * Checks a name written with its case.
     *
     * @param label  the label, for the message
     * @param name   the driver property as given
     * @param origin the property or variable it came from, or {@code null} (a map, the builder)
     * @return the name, unchanged
     * @throws ConfigurationException when the driver reports names and this is not one of them
     */
    public String check(String label, String name, String origin) {
        if (!reported() || names.contains(name)) {
            return name;
        }
        throw refuse(label, name, "names no property that the JDBC driver " + driverClassName + " reports."
                + suggestion(name) + UNLISTED, origin);
    }

    /**
     * The driver's spelling of a name read from an environment variable: the one equal ignoring
     * case, otherwise the one equal ignoring case, {@code _}, {@code -} and {@code .}.
     *
     * @param label  the label, for the message
     * @param name   the driver property as read from the variable
     * @param origin the variable it came from
     * @return the driver's spelling; the name unchanged when the driver reports no names
     * @throws ConfigurationException when no name or several match
     */
    public String restore(String label, String name, String origin) {
        if (!reported()) {
            return name;
        }
        List<String> matches = matching(n -> n.equalsIgnoreCase(name));
        if (matches.isEmpty()) {
            String folded = fold(name);
            matches = matching(n -> fold(n).equals(folded));
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        String compared = "compared ignoring case, '_', '-' and '.', which environment variable names do not"
                + " keep";
        if (matches.isEmpty()) {
            throw refuse(label, name, "names no property that the JDBC driver " + driverClassName + " reports ("
                    + compared + ")." + suggestion(name) + UNLISTED, origin);
        }
        throw refuse(label, name, "matches several properties of the JDBC driver " + driverClassName + ": "
                + matches.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", ")) + " (" + compared
                + "); give it in a properties file or a map, where the name keeps its case", origin);
    }

    private List<String> matching(Predicate<String> test) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            if (test.test(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private String suggestion(String name) {
        String suggestion = Suggestions.didYouMean(name, names);
        return suggestion.isEmpty() ? " None of its " + names.size() + " properties is close to it." : suggestion;
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    }

    private static ConfigurationException refuse(String label, String name, String problem, String origin) {
        return new ConfigurationException(label, "properties", "Database '" + label + "': properties." + name + " "
                + problem + (origin == null ? "" : " (" + origin + ")"));
    }
}
