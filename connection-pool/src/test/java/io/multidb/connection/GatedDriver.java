package io.multidb.connection;

import io.multidb.testkit.FakeDriver;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code jdbc:gated:<name>} opens H2's in-memory database {@code <name>}; while a {@link Gate} is
 * closed for that name, connecting waits at it. Lets a test hold a thread inside a pool's start.
 */
public final class GatedDriver implements FakeDriver {
    static final String PREFIX = "jdbc:gated:";
    private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

    static {
        FakeDriver.register(new GatedDriver());
    }

    /**
     * @param name a database name, unique to the test
     * @return the configuration of a label over {@code jdbc:gated:<name>}, with one connection
     */
    static Map<String, Object> config(String name) {
        return Configs.with(Map.of("url", PREFIX + name, "engine", "h2", "driver_class", GatedDriver.class.getName(),
                "pool_size", 1));
    }

    /**
     * @param name a database name, unique to the test
     * @return a closed gate: connections to {@code jdbc:gated:<name>} wait until it is opened
     */
    static Gate close(String name) {
        Gate gate = new Gate(name);
        GATES.put(name, gate);
        return gate;
    }

    /** Where connections to one name wait. */
    static final class Gate {
        private final String name;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch opened = new CountDownLatch(1);

        private Gate(String name) {
            this.name = name;
        }

        /** @return whether a connection reached the gate within 10 seconds */
        boolean awaitReached() throws InterruptedException {
            return reached.await(10, TimeUnit.SECONDS);
        }

        /** Lets waiting and later connections through. */
        void open() {
            GATES.remove(name, this);
            opened.countDown();
        }

        private void pass() throws SQLException {
            reached.countDown();
            try {
                if (!opened.await(30, TimeUnit.SECONDS)) {
                    throw new SQLException("gate '" + name + "' was not opened within 30 s (test driver)", "08001");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at gate '" + name + "' (test driver)", "08001", e);
            }
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        String name = url.substring(PREFIX.length());
        Gate gate = GATES.get(name);
        if (gate != null) {
            gate.pass();
        }
        return new org.h2.Driver().connect("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", info);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }
}
