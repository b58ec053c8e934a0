package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.internal.engine.EngineProfile;
import io.multidb.connection.internal.engine.UrlGrammar;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The driver properties that carry a label's {@code connect_timeout} and {@code socket_timeout},
 * in each driver's own names and units ({@link EngineProfile#timeoutProperties} says which). A
 * property the user set, in {@code properties} or as a parameter of the URL (names compared
 * ignoring case), is left as given; a zero {@code connect_timeout} sets nothing, leaving the
 * driver's own limit.
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
        EngineProfile profile = EngineProfile.of(config.engine());
        given.addAll(urlParameterNames(profile, config.url()));
        profile.timeoutProperties(config.connectTimeout(), config.socketTimeout())
                .forEach((name, value) -> {
                    if (!given.contains(name)) {
                        result.put(name, value);
                    }
                });
        return result;
    }

    /**
     * The parameter names a {@code jdbc:} URL carries: after {@code ?}, separated by {@code &}
     * (PostgreSQL, MariaDB), or, in the engine's own URL of {@link UrlGrammar#AUTHORITY_SETTINGS},
     * after the first {@code ;}, separated by {@code ;} (SQL Server).
     */
    static Set<String> urlParameterNames(EngineProfile profile, String url) {
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
        } else if (semicolon >= 0 && profile.urlGrammar() == UrlGrammar.AUTHORITY_SETTINGS
                && url.toLowerCase(Locale.ROOT).startsWith("jdbc:" + profile.subprotocols().get(0) + ":")) {
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
}
