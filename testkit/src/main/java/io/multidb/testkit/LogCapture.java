package io.multidb.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Captures log output while open, for a test to assert on: what a library logged, or that a secret
 * was logged nowhere. It needs Logback as the tests' SLF4J provider ({@code logback-classic} is an
 * optional dependency of the kit: the test brings it).
 *
 * <p>Two scopes:
 * <ul>
 *   <li>{@link #everything()}: every logger at its most verbose. Every Logback logger with a level
 *       of its own (and the usual library loggers) is raised to {@code TRACE}; every
 *       {@code java.util.logging} logger with a level of its own (and {@code org.postgresql},
 *       {@code org.mariadb}, {@code org.h2}, {@code com.zaxxer.hikari}) to {@code ALL}. The
 *       console appenders of the Logback root and the handlers of the JUL root are detached
 *       meanwhile, so that the flood does not reach the build log; a test that fails on the
 *       captured text shows it in its assertion message. {@link #withStandardStreams(boolean)}
 *       adds what is printed to {@code System.out} and {@code System.err}.</li>
 *   <li>{@link #logger(String, Level)}: one Logback logger at a given level, its events still
 *       passed on to the usual appenders.</li>
 * </ul>
 * {@link #close()} restores every level, appender, handler and stream it changed.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.everything()) {
 *     assertThatThrownBy(() -> ConnectionPool.configure(badConfig)).isInstanceOf(ConnectionFailedException.class);
 *     assertThat(logs.text()).doesNotContain(password);
 * }
 *
 * try (LogCapture leaks = LogCapture.logger("io.multidb.connection.leak", Level.INFO)) {
 *     ...
 *     ILoggingEvent report = leaks.awaitEvent(e -> e.getLevel() == Level.WARN, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Thread-safety: events logged from any thread are captured, and {@link #events()},
 * {@link #text()} and {@link #awaitEvent} may be called while other threads log. Opening and
 * closing change process-wide logging state: open one capture at a time, from the test's thread.
 */
public final class LogCapture implements AutoCloseable {
    private static final List<String> LOGBACK_LOGGERS = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.multidb",
            "com.zaxxer.hikari", "org.postgresql", "org.mariadb", "org.jdbi", "org.h2", "h2database");
    private static final List<String> JUL_LOGGERS = List.of("", "org.postgresql", "org.mariadb", "org.h2",
            "com.zaxxer.hikari");

    private final LoggerContext context;
    private final Logger attachedTo;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> logbackLevels = new LinkedHashMap<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

    private final boolean julCaptured;
    private final Map<String, java.util.logging.Level> julLevels = new LinkedHashMap<>();
    /** Held strongly while raised, so that JUL cannot forget a level before it is restored. */
    private final List<java.util.logging.Logger> julLoggers = new ArrayList<>();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final List<java.util.logging.Handler> julDetached = new ArrayList<>();
    private final StringBuffer jul = new StringBuffer();
    private final java.util.logging.Handler julHandler = new JulToText(jul);

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream out;
    private PrintStream err;

    private LogCapture(String loggerName, Level level, boolean everything) {
        this.context = loggerContext();
        this.attachedTo = context.getLogger(loggerName);
        this.julCaptured = everything;
        if (everything) {
            for (String name : LOGBACK_LOGGERS) {
                logbackLevels.put(name, context.getLogger(name).getLevel());
            }
            for (Logger logger : context.getLoggerList()) {
                if (logger.getLevel() != null) {
                    logbackLevels.putIfAbsent(logger.getName(), logger.getLevel());
                }
            }
            for (Iterator<Appender<ILoggingEvent>> it = attachedTo.iteratorForAppenders(); it.hasNext();) {
                detached.add(it.next());
            }
            detached.forEach(attachedTo::detachAppender);
        } else {
            logbackLevels.put(loggerName, attachedTo.getLevel());
        }
        logbackLevels.keySet().forEach(name -> context.getLogger(name).setLevel(level));
        appender.setContext(context);
        appender.start();
        attachedTo.addAppender(appender);

        if (everything) {
            for (String name : JUL_LOGGERS) {
                julLevels.put(name, java.util.logging.Logger.getLogger(name).getLevel());
            }
            java.util.logging.LogManager manager = java.util.logging.LogManager.getLogManager();
            for (String name : Collections.list(manager.getLoggerNames())) {
                java.util.logging.Logger logger = manager.getLogger(name);
                if (logger != null && logger.getLevel() != null) {
                    julLevels.putIfAbsent(name, logger.getLevel());
                }
            }
            julLevels.keySet().forEach(name -> julLoggers.add(java.util.logging.Logger.getLogger(name)));
            julLoggers.forEach(logger -> logger.setLevel(java.util.logging.Level.ALL));
            julDetached.addAll(List.of(julRoot.getHandlers()));
            julDetached.forEach(julRoot::removeHandler);
            julHandler.setLevel(java.util.logging.Level.ALL);
            julRoot.addHandler(julHandler);
        }
    }

    /**
     * Starts capturing every logger, Logback's and {@code java.util.logging}'s, at its most verbose.
     *
     * @return the open capture, to close (try-with-resources) when the test has logged
     * @throws IllegalStateException when Logback is not the SLF4J provider
     */
    public static LogCapture everything() {
        return new LogCapture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE, true);
    }

    /**
     * Starts capturing one Logback logger (and the loggers below it) at the given level. Its
     * events still reach the usual appenders.
     *
     * @param name the logger's name, for example {@code "io.multidb.connection.leak"}
     * @param level the level the logger is set to while captured
     * @return the open capture, to close (try-with-resources) when the test has logged
     * @throws IllegalStateException when Logback is not the SLF4J provider
     */
    public static LogCapture logger(String name, Level level) {
        return new LogCapture(Objects.requireNonNull(name, "name"), Objects.requireNonNull(level, "level"), false);
    }

    /**
     * Captures, from now until {@link #close()}, what is printed to {@code System.out} and
     * {@code System.err}, as part of {@link #text()}.
     *
     * @param forward whether what is printed still reaches the real streams too
     * @return this capture
     * @throws IllegalStateException when the standard streams are captured already
     */
    public LogCapture withStandardStreams(boolean forward) {
        if (out != null) {
            throw new IllegalStateException("The standard streams are captured already");
        }
        out = System.out;
        err = System.err;
        System.setOut(tee(out, forward));
        System.setErr(tee(err, forward));
        return this;
    }

    /**
     * @return the Logback events captured so far, oldest first (a copy)
     */
    public List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while adding
            return List.copyOf(appender.list);
        }
    }

    /**
     * @param filter which events to return
     * @return the Logback events captured so far that match, oldest first
     */
    public List<ILoggingEvent> events(Predicate<? super ILoggingEvent> filter) {
        return events().stream().filter(filter).toList();
    }

    /**
     * Waits (polling, bounded) for the first captured Logback event that matches.
     *
     * @param filter the event waited for
     * @param timeout how long to wait at the most
     * @return the first matching event
     * @throws AssertionError when none came in time; its message lists what was captured
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public ILoggingEvent awaitEvent(Predicate<? super ILoggingEvent> filter, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ILoggingEvent> found = events(filter);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("No matching log event from " + attachedTo.getName() + " within "
                        + timeout.toMillis() + " ms; captured: "
                        + events().stream().map(ILoggingEvent::getFormattedMessage).toList());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Everything captured, as text to search: per Logback event its level, logger, formatted
     * message, each argument (after {@code " | "}) and stack trace; per {@code java.util.logging}
     * record its level, logger, raw message, parameters and formatted text with stack trace; then
     * what was printed, when {@link #withStandardStreams standard streams} are captured.
     *
     * @return every captured line
     */
    public String text() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent e : events()) {
            text.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            if (e.getArgumentArray() != null) {
                for (Object a : e.getArgumentArray()) {
                    text.append(" | ").append(a);
                }
            }
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                text.append('\n').append(ThrowableProxyUtil.asString(t));
            }
            text.append('\n');
        }
        text.append(jul);
        synchronized (printed) {
            text.append(printed.toString(StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /**
     * The text {@link Throwable#printStackTrace()} prints, causes and suppressed exceptions
     * included: to search an exception the way {@link #text()} is searched.
     *
     * @param t the throwable
     * @return its stack trace as text
     */
    public static String stackTraceOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Restores every level, appender, handler and stream this capture changed. */
    @Override
    public void close() {
        if (out != null) {
            System.setOut(out);
            System.setErr(err);
        }
        if (julCaptured) {
            julRoot.removeHandler(julHandler);
            julDetached.forEach(julRoot::addHandler);
            julLoggers.forEach(logger -> logger.setLevel(julLevels.get(logger.getName())));
        }
        attachedTo.detachAppender(appender);
        appender.stop();
        detached.forEach(attachedTo::addAppender);
        logbackLevels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    private PrintStream tee(PrintStream original, boolean forward) {
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (printed) {
                    printed.write(b);
                }
                if (forward) {
                    original.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (printed) {
                    printed.write(b, off, len);
                }
                if (forward) {
                    original.write(b, off, len);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static LoggerContext loggerContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext logback) {
            return logback;
        }
        throw new IllegalStateException("LogCapture needs logback-classic as the SLF4J provider of the tests, not "
                + factory.getClass().getName());
    }

    /** Writes each {@code java.util.logging} record as one line of text. */
    private static final class JulToText extends java.util.logging.Handler {
        private final java.util.logging.Formatter formatter = new java.util.logging.SimpleFormatter();
        private final StringBuffer text;

        JulToText(StringBuffer text) {
            this.text = text;
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            StringBuilder line = new StringBuilder().append(r.getLevel()).append(' ').append(r.getLoggerName())
                    .append(' ').append(r.getMessage());
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    line.append(" | ").append(p);
                }
            }
            line.append(" | ").append(formatter.format(r)); // formatted message and stack trace
            text.append(line).append('\n');
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
