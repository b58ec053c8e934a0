package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.spi.XaEngine;
import java.util.List;
import java.util.Properties;

/**
 * How a label's configuration becomes a configured {@link javax.sql.XADataSource}: which class,
 * and which setters to call with which values, in order. A plain value computed without the driver
 * on the class path, so that every engine's mapping can be checked; {@link XaConnectionSource}
 * carries it out. The engine's {@link XaEngine} gives the class and the setters.
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

        /** @return {@code setter(arguments)}, with {@code ****} for secret arguments */
        @Override
        public String toString() {
            return new XaEngine.Setter(setter, arguments, secret).toString();
        }
    }

    XaDataSourcePlan {
        steps = List.copyOf(steps);
    }

    /**
     * @param config an XA label's configuration
     * @return the plan for its engine, as {@link XaEngine} describes it
     * @throws ConfigurationException when a driver property cannot be expressed for the engine
     */
    static XaDataSourcePlan of(DatabaseConfig config) {
        XaEngine engine = XaEngine.of(config.engine());
        List<Step> steps = engine.dataSourceSetters(config).stream()
                .map(s -> new Step(s.method(), s.arguments(), s.secret())).toList();
        return new XaDataSourcePlan(engine.dataSourceClassName(), steps);
    }

    @Override
    public String toString() {
        return "XaDataSourcePlan{" + className + ", " + steps + "}";
    }
}
