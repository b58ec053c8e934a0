package io.multidb.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.Session;
import io.multidb.testkit.LogCapture;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code leak_detection_threshold}: a session left open longer than the threshold is reported once,
 * as a WARN line of logger {@code io.multidb.connection.leak} that names the label and carries the
 * stack of where the session was opened; closing it later logs an INFO line; a session closed in
 * time is never reported.
 */
@Tag("fault")
@RequiresEngine(Engine.H2)
class LeakDetectionTest {
    private static final String LEAK_LOGGER = "io.multidb.connection.leak";
    private static final long THRESHOLD_MS = 300;
    /**
     * The report may come this much after the threshold on a loaded machine (and still pass): the
     * timer thread is started for the watch and has to be scheduled; a leak check that only ran every
     * few seconds or more would still miss it.
     */
    private static final long REPORT_MARGIN_MS = 5_000;

    private final List<Session> toClose = new ArrayList<>();
    private LogCapture leaks;

    @BeforeEach
    void capture() {
        leaks = LogCapture.logger(LEAK_LOGGER, Level.INFO);
    }

    @AfterEach
    void release() {
        try {
            toClose.forEach(Session::close);
            for (String label : ConnectionPool.labels()) {
                assertThat(ConnectionPool.stats(label).active()).as("active connections of %s", label).isZero();
            }
        } finally {
            ConnectionPool.closeAllConnections();
            leaks.close();
        }
    }

    private static void configure(TestDatabase db, String label) {
        Map<String, Object> config = db.freshConfig();
        config.put("pool_size", 2);
        config.put("leak_detection_threshold", THRESHOLD_MS / 1000.0);
        ConnectionPool.configure(Map.of(label, config));
    }

    @Test
    void aSessionLeftOpenIsReportedOnceWithWhereItWasOpenedAndItsCloseIsLogged(TestDatabase db) throws Exception {
        configure(db, "leaky");
        long openedAt = System.nanoTime();
        Session leaked = DatabaseManager.getSession("leaky");
        toClose.add(leaked);
        assertThat(leaked.query(Integer.class, "select 1")).containsExactly(1);

        ILoggingEvent report = awaitEvent(e -> e.getLevel() == Level.WARN, THRESHOLD_MS + REPORT_MARGIN_MS);
        Duration latency = Duration.ofNanos(System.nanoTime() - openedAt);
        String trace = ThrowableProxyUtil.asString(report.getThrowableProxy());
        System.out.printf("[leak] reported %d ms after the session was opened (threshold %d ms): %s%n",
                latency.toMillis(), THRESHOLD_MS, report.getFormattedMessage());
        assertThat(report.getLoggerName()).isEqualTo(LEAK_LOGGER);
        assertThat(report.getFormattedMessage()).contains("'leaky'");
        // in nanoseconds, from before getSession: the watch starts inside it, so never early by this clock
        assertThat(latency).as("report latency").isGreaterThanOrEqualTo(Duration.ofMillis(THRESHOLD_MS));
        assertThat(report.getThrowableProxy()).as("stack trace of where the session was opened").isNotNull();
        assertThat(trace).as("the opening stack names the test method that opened the session")
                .contains(LeakDetectionTest.class.getName()
                        + ".aSessionLeftOpenIsReportedOnceWithWhereItWasOpenedAndItsCloseIsLogged")
                .contains("DatabaseManager.getSession");
        // the trace is where the session was opened, so the caller's frame comes right after getSession
        assertThat(trace.indexOf("DatabaseManager.getSession")).isLessThan(trace.indexOf(
                "LeakDetectionTest.aSessionLeftOpenIsReportedOnceWithWhereItWasOpenedAndItsCloseIsLogged"));

        // reported once: no second report while it stays open for several thresholds more
        Thread.sleep(3 * THRESHOLD_MS);
        assertThat(events(e -> e.getLevel() == Level.WARN)).as("reports of one leaked session").hasSize(1);
        assertThat(events(e -> e.getLevel() == Level.INFO)).as("no 'closed' line before the close").isEmpty();

        // still a working session; closing it is logged
        assertThat(leaked.query(Integer.class, "select 2")).containsExactly(2);
        leaked.close();
        ILoggingEvent closed = awaitEvent(e -> e.getLevel() == Level.INFO, 1_000);
        System.out.printf("[leak] on close: %s%n", closed.getFormattedMessage());
        assertThat(closed.getLoggerName()).isEqualTo(LEAK_LOGGER);
        assertThat(closed.getFormattedMessage()).contains("'leaky'").containsIgnoringCase("closed");
        assertThat(ConnectionPool.stats("leaky").active()).isZero();
        leaked.close(); // a second close logs nothing more
        assertThat(events(e -> e.getLevel() == Level.INFO)).hasSize(1);
    }

    @Test
    void aSessionClosedBeforeTheThresholdIsNotReported(TestDatabase db) throws Exception {
        configure(db, "tidy");
        for (int i = 0; i < 20; i++) {
            openUseAndClose("tidy");
        }
        // a control, opened later: once it is reported, the sessions closed in time would have been too
        Session kept = openAndKeep("tidy");
        ILoggingEvent report = awaitEvent(e -> e.getLevel() == Level.WARN, THRESHOLD_MS + REPORT_MARGIN_MS);
        // give any wrongly watched closed session the same time again to show up
        Thread.sleep(THRESHOLD_MS);
        List<ILoggingEvent> warnings = events(e -> e.getLevel() == Level.WARN);
        assertThat(warnings).as("reports: only the session still open").hasSize(1);
        String trace = ThrowableProxyUtil.asString(report.getThrowableProxy());
        assertThat(trace).contains("LeakDetectionTest.openAndKeep").doesNotContain("openUseAndClose");
        assertThat(events(e -> e.getLevel() == Level.INFO)).as("'closed' lines: none was reported").isEmpty();
        kept.close();
        awaitEvent(e -> e.getLevel() == Level.INFO, 1_000);
    }

    @Test
    void withoutAThresholdNothingIsReported(TestDatabase db) throws Exception {
        Map<String, Object> config = db.freshConfig();
        ConnectionPool.configure(Map.of("unwatched", config));
        Session open = openAndKeep("unwatched");
        Thread.sleep(THRESHOLD_MS + 200);
        open.close();
        assertThat(events(e -> true)).isEmpty();
    }

    private static void openUseAndClose(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            s.query("select 1");
        }
    }

    private Session openAndKeep(String label) {
        Session s = DatabaseManager.getSession(label);
        toClose.add(s);
        s.query("select 1");
        return s;
    }

    private List<ILoggingEvent> events(Predicate<ILoggingEvent> filter) {
        return leaks.events(filter);
    }

    /** Waits (bounded) for the first event that matches; fails the test when none comes in time. */
    private ILoggingEvent awaitEvent(Predicate<ILoggingEvent> filter, long timeoutMs) throws InterruptedException {
        return leaks.awaitEvent(filter, Duration.ofMillis(timeoutMs));
    }
}
