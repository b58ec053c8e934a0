package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The driver properties that carry a label's {@code connect_timeout} and {@code socket_timeout},
 * in each driver's own names and units. A property the user set, in {@code properties} or as a
 * parameter of the URL (names compared ignoring case), is left as given; a zero
 * {@code connect_timeout} sets nothing, leaving the driver's own limit.
 *
 * <p>Thread-safety: stateless.
 */
public final class DriverTimeouts {

    private DriverTimeouts() {
    }

    /**
     * @param config a label's configuration
     * @return its driver properties, with the timeout properties its engine understands added
     */
    public static Map<String, String> driverProperties(DatabaseConfig config) {
        Map<String, String> result = new LinkedHashMap<>(config.properties());
        Set<String> given = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        given.addAll(config.properties().keySet());
        given.addAll(urlParameterNames(config.url()));
        Duration connect = config.connectTimeout();
        Duration socket = config.socketTimeout();
        switch (config.engine()) {
            case POSTGRESQL -> {
                // pgJDBC: connectTimeout bounds the TCP connect, loginTimeout the whole start-up
                add(result, given, "connectTimeout", connect, wholeSeconds(connect));
                add(result, given, "loginTimeout", connect, wholeSeconds(connect));
                add(result, given, "socketTimeout", socket, wholeSeconds(socket));
            }
            case MARIADB -> {
                add(result, given, "connectTimeout", connect, Long.toString(connect.toMillis()));
                add(result, given, "socketTimeout", socket, Long.toString(socket.toMillis()));
            }
            case SQLSERVER -> {
                add(result, given, "loginTimeout", connect, wholeSeconds(connect));
                add(result, given, "socketTimeout", socket, Long.toString(socket.toMillis()));
            }
            case ORACLE -> {
                add(result, given, "oracle.net.CONNECT_TIMEOUT", connect, Long.toString(connect.toMillis()));
                add(result, given, "oracle.jdbc.ReadTimeout", socket, Long.toString(socket.toMillis()));
            }
            case H2 -> {
                // in-process or over H2's own TCP server: no driver timeouts to set
            }
        }
        return result;
    }

    private static void add(Map<String, String> result, Set<String> given, String name, Duration limit,
            String value) {
        if (!limit.isZero() && !given.contains(name)) {
            result.put(name, value);
        }
    }

    /**
     * The parameter names a {@code jdbc:} URL carries: after {@code ?}, separated by {@code &}
     * (PostgreSQL, MariaDB), or after the first {@code ;}, separated by {@code ;} (SQL Server).
     */
    static Set<String> urlParameterNames(String url) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (url == null) {
            return names;
        }
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        String params;
        String separator;
        if (query >= 0) {
            params = url.substring(query + 1);
            separator = "&";
        } else if (semicolon >= 0 && url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlserver:")) {
            params = url.substring(semicolon + 1);
            separator = ";";
        } else {
            return names;
        }
        for (String pair : params.split(separator)) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /** Rounded up, so that a fraction of a second never becomes 0, which drivers read as "no limit". */
    private static String wholeSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Long.toString(seconds);
    }
}
