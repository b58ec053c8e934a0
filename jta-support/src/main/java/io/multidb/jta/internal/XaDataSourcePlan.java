package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.internal.DriverTimeouts;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How a label's configuration becomes a configured {@link javax.sql.XADataSource}: which class,
 * and which setters to call with which values, in order. A plain value computed without the driver
 * on the class path, so that every engine's mapping can be checked; {@link XaConnectionSource}
 * carries it out.
 *
 * <table>
 *   <caption>Per engine</caption>
 *   <tr><th>engine</th><th>URL setter</th><th>driver properties</th><th>schema</th></tr>
 *   <tr><td>PostgreSQL</td><td>{@code setUrl}</td><td>{@code setProperty(name, value)}</td>
 *       <td>{@code setCurrentSchema} (a start-up parameter, immune to rollbacks)</td></tr>
 *   <tr><td>MariaDB</td><td>{@code setUrl}</td><td>URL query ({@code ?a=b&c=d})</td>
 *       <td>the connection's catalog, set on each new connection</td></tr>
 *   <tr><td>H2</td><td>{@code setURL}</td><td>URL settings ({@code ;A=B})</td><td>set on each new
 *       connection</td></tr>
 *   <tr><td>Oracle</td><td>{@code setURL}</td><td>{@code setConnectionProperties}</td><td>set on
 *       each new connection</td></tr>
 *   <tr><td>SQL Server</td><td>{@code setURL}</td><td>URL settings ({@code ;a=b})</td><td>refused by
 *       the configuration</td></tr>
 * </table>
 *
 * @param className the XA data source class
 * @param steps     the setters to call, in order
 */
record XaDataSourcePlan(String className, List<Step> steps) {

    /**
     * One setter call.
     *
     * @param setter    the method name, for example {@code setUrl}
     * @param arguments its arguments: {@link String}s or one {@link Properties}
     * @param secret    whether the arguments must never be shown
     */
    record Step(String setter, List<Object> arguments, boolean secret) {
        Step {
            arguments = List.copyOf(arguments);
        }

        static Step of(String setter, Object value) {
            return new Step(setter, List.of(value), false);
        }

        @Override
        public String toString() {
            return setter + (secret ? "(****)" : arguments.toString().replace('[', '(').replace(']', ')'));
        }
    }

    XaDataSourcePlan {
        steps = List.copyOf(steps);
    }

    /**
     * @param config an XA label's configuration
     * @return the plan for its engine
     * @throws ConfigurationException when a driver property cannot be expressed for the engine
     */
    static XaDataSourcePlan of(DatabaseConfig config) {
        List<Step> steps = new ArrayList<>();
        Map<String, String> properties = DriverTimeouts.driverProperties(config);
        switch (config.engine()) {
            case POSTGRESQL -> {
                steps.add(Step.of("setUrl", config.url()));
                credentials(config, steps);
                properties.forEach((k, v) -> steps.add(new Step("setProperty", List.of(k, v), false)));
                config.schema().ifPresent(s -> steps.add(Step.of("setCurrentSchema",
                        '"' + s.replace("\"", "\"\"") + '"')));
            }
            case MARIADB -> {
                steps.add(Step.of("setUrl", withQuery(config.url(), properties)));
                credentials(config, steps);
            }
            case H2 -> {
                steps.add(Step.of("setURL", withSettings(config, properties)));
                credentials(config, steps);
            }
            case SQLSERVER -> {
                steps.add(Step.of("setURL", withSettings(config, properties)));
                credentials(config, steps);
            }
            case ORACLE -> {
                steps.add(Step.of("setURL", config.url()));
                credentials(config, steps);
                if (!properties.isEmpty()) {
                    Properties p = new Properties();
                    p.putAll(properties);
                    steps.add(Step.of("setConnectionProperties", p));
                }
            }
            default -> throw new IllegalStateException("No XA data source rule for " + config.engine());
        }
        return new XaDataSourcePlan(config.engine().xaDataSourceClassName(), steps);
    }

    private static void credentials(DatabaseConfig config, List<Step> steps) {
        config.user().ifPresent(u -> steps.add(Step.of("setUser", u)));
        config.password().ifPresent(p -> steps.add(new Step("setPassword", List.of(p), true)));
    }

    private static String withQuery(String url, Map<String, String> properties) {
        if (properties.isEmpty()) {
            return url;
        }
        StringBuilder out = new StringBuilder(url).append(url.indexOf('?') < 0 ? '?' : '&');
        properties.forEach((k, v) -> out.append(encode(k)).append('=').append(encode(v)).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }

    private static String withSettings(DatabaseConfig config, Map<String, String> properties) {
        StringBuilder out = new StringBuilder(config.url());
        properties.forEach((k, v) -> {
            if (v.indexOf(';') >= 0) {
                throw new ConfigurationException(config.label(), "properties", "Database '" + config.label()
                        + "': driver property '" + k + "' contains ';', which the " + config.engine().key()
                        + " XA data source cannot take in its URL");
            }
            out.append(';').append(k).append('=').append(v);
        });
        return out.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "XaDataSourcePlan{" + className + ", " + steps + "}";
    }
}
