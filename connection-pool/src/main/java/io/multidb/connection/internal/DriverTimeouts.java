package io.multidb.connection.internal;

import io.multidb.connection.DatabaseConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The driver properties that carry a label's {@code connect_timeout} and {@code socket_timeout},
 * in each driver's own names and units. A property the user set (in {@code properties} or the URL)
 * is left as given.
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
        Duration connect = config.connectTimeout();
        Duration socket = config.socketTimeout();
        switch (config.engine()) {
            case POSTGRESQL -> {
                // pgJDBC: connectTimeout bounds the TCP connect, loginTimeout the whole start-up
                result.putIfAbsent("connectTimeout", wholeSeconds(connect));
                result.putIfAbsent("loginTimeout", wholeSeconds(connect));
                if (!socket.isZero()) {
                    result.putIfAbsent("socketTimeout", wholeSeconds(socket));
                }
            }
            case MARIADB -> {
                result.putIfAbsent("connectTimeout", Long.toString(connect.toMillis()));
                if (!socket.isZero()) {
                    result.putIfAbsent("socketTimeout", Long.toString(socket.toMillis()));
                }
            }
            case SQLSERVER -> {
                result.putIfAbsent("loginTimeout", wholeSeconds(connect));
                if (!socket.isZero()) {
                    result.putIfAbsent("socketTimeout", Long.toString(socket.toMillis()));
                }
            }
            case ORACLE -> {
                result.putIfAbsent("oracle.net.CONNECT_TIMEOUT", Long.toString(connect.toMillis()));
                if (!socket.isZero()) {
                    result.putIfAbsent("oracle.jdbc.ReadTimeout", Long.toString(socket.toMillis()));
                }
            }
            case H2 -> {
                // in-process or over H2's own TCP server: no driver timeouts to set
            }
        }
        return result;
    }

    /** Rounded up, so that a fraction of a second never becomes 0, which drivers read as "no limit". */
    private static String wholeSeconds(Duration d) {
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Long.toString(seconds);
    }
}
