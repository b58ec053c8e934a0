package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The test servers of this JVM: their settings from the environment, and one cached probe per
 * engine.
 */
final class TestServers {

    /** Hard bound on one probe, in case a driver ignores its own timeouts. */
    private static final long PROBE_LIMIT_SECONDS = 2L * ServerSettings.CONNECT_TIMEOUT_SECONDS + 1;

    private static final ConcurrentMap<Engine, Probe> PROBES = new ConcurrentHashMap<>();

    private TestServers() {
    }

    /**
     * @param engine an engine
     * @return its server settings, read from the environment
     */
    static ServerSettings settings(Engine engine) {
        return ServerSettings.of(engine, System::getenv);
    }

    /**
     * @return the engines named by {@code MULTIDB_TEST_REQUIRE}
     * @throws IllegalArgumentException when the variable names an unknown engine
     */
    static Set<Engine> required() {
        return Availability.parseRequired(System.getenv(Availability.REQUIRE_VARIABLE));
    }

    /**
     * @param engine an engine
     * @return whether its tests run, are skipped or fail, probing the server on the first call
     */
    static Availability.Decision decide(Engine engine) {
        Set<Engine> required = required();
        return Availability.decide(required, engine, PROBES.computeIfAbsent(engine, e -> probe(settings(e))));
    }

    /**
     * Connects to a server once and reports what happened: in milliseconds when it answers or
     * refuses, at most {@value #PROBE_LIMIT_SECONDS} seconds when it never answers.
     *
     * @param settings the server
     * @return the probe result; its texts carry no password
     */
    static Probe probe(ServerSettings settings) {
        if (!settings.configured()) {
            return Probe.notConfigured(settings.engine());
        }
        FutureTask<String> attempt = new FutureTask<>(() -> {
            try (Connection connection = settings.connect()) {
                return connection.isValid(ServerSettings.CONNECT_TIMEOUT_SECONDS) ? null
                        : "the connection opened but failed validation";
            } catch (SQLException e) {
                return describe(e);
            }
        });
        Thread thread = new Thread(attempt, "multidb-testkit-probe-" + settings.engine().key());
        thread.setDaemon(true);
        thread.start();
        String error;
        try {
            error = attempt.get(PROBE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            error = "no answer within " + PROBE_LIMIT_SECONDS + " s";
        } catch (ExecutionException e) {
            error = String.valueOf(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted while probing";
        }
        return error == null ? Probe.reachable(settings.engine(), settings.describe())
                : Probe.unreachable(settings.engine(), settings.describe(), settings.scrub(error));
    }

    private static String describe(SQLException e) {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
        if (e.getSQLState() != null) {
            text.append(" [SQLState ").append(e.getSQLState()).append(']');
        }
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
