package io.multidb.testkit;

import io.multidb.connection.ConnectionPool;
import io.multidb.connection.MultiDb;
import io.multidb.connection.PoolStats;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Fails a test that left a session open or a connection lent out, as Jdbi's leak checker does for
 * handles. Two things are counted per label:
 * <ul>
 *   <li>connections lent out, by the label's pool and by the pool of its read-only sessions
 *       ({@link PoolStats#active()}): a session that ran a statement and was not closed, a
 *       connection from {@code dataSource(label)} that was not closed;</li>
 *   <li>sessions open, including lazy ones that never borrowed a connection
 *       ({@link MultiDb#openSessions(String)}), for labels whose sessions are watched: those with
 *       {@code leak_detection_threshold} set, which {@link MultiDbExtension} sets on every label it
 *       configures.</li>
 * </ul>
 *
 * <pre>{@code
 * try (MultiDb db = MultiDb.create(config)) {
 *     runTheCodeUnderTest(db);
 *     LeakCheck.of(db).verify("after the import");   // throws AssertionError naming the labels
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable; {@link #verify(String)} reads snapshots and may be called from any
 * thread.
 */
public final class LeakCheck {

    private final Supplier<Set<String>> labels;
    private final Function<String, PoolStats> stats;
    private final Function<String, PoolStats> readStats;
    private final Function<String, OptionalInt> openSessions;

    private LeakCheck(Supplier<Set<String>> labels, Function<String, PoolStats> stats,
            Function<String, PoolStats> readStats, Function<String, OptionalInt> openSessions) {
        this.labels = labels;
        this.stats = stats;
        this.readStats = readStats;
        this.openSessions = openSessions;
    }

    /**
     * @param db an instance
     * @return a check of that instance's labels
     */
    public static LeakCheck of(MultiDb db) {
        return new LeakCheck(db::labels, db::stats, db::readStats, db::openSessions);
    }

    /**
     * @return a check of the labels of the static facade ({@link ConnectionPool}); it checks
     *     nothing while the facade is not configured
     */
    public static LeakCheck ofStaticFacade() {
        return new LeakCheck(ConnectionPool::labels, ConnectionPool::stats, ConnectionPool::readStats,
                ConnectionPool::openSessions);
    }

    /**
     * @param when what has just finished, for the message (a test's display name)
     * @throws AssertionError naming every leaking label and what it leaked
     */
    public void verify(String when) {
        List<String> leaks = new ArrayList<>();
        for (String label : labels.get()) {
            int lent = stats.apply(label).active();
            int readLent = readStats.apply(label).active();
            OptionalInt open = openSessions.apply(label);
            if (lent > 0) {
                leaks.add("'" + label + "': " + lent + " connection(s) still lent out");
            }
            if (readLent > 0) {
                leaks.add("'" + label + "': " + readLent + " read-only connection(s) still lent out");
            }
            if (open.isPresent() && open.getAsInt() > 0) {
                leaks.add("'" + label + "': " + open.getAsInt() + " session(s) still open");
            }
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Leak after " + when + ": " + String.join("; ", leaks)
                    + ". Close every session (try-with-resources) and every connection taken from a data source.");
        }
    }
}
