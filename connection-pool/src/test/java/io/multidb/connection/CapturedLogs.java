package io.multidb.connection;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.logging.ConsoleHandler;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event, at the most verbose level, of every logger (SLF4J, and the drivers'
 * java.util.logging output routed to a handler we read) while open. The console appenders and
 * handlers are detached meanwhile, so that TRACE output does not flood the build log; a test that
 * fails on the captured text shows it in its assertion message.
 */
final class CapturedLogs implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level rootLevel = root.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private final java.util.logging.Level julLevel = julRoot.getLevel();
    private final java.util.logging.Handler[] julDetached = julRoot.getHandlers();
    private final StringBuilder jul = new StringBuilder();
    private final java.util.logging.Handler julHandler = new ConsoleHandler() {
        @Override
        public synchronized void publish(java.util.logging.LogRecord r) {
            jul.append(r.getLoggerName()).append(' ').append(r.getMessage()).append(' ');
            if (r.getParameters() != null) {
                for (Object p : r.getParameters()) {
                    jul.append(p).append(' ');
                }
            }
            if (r.getThrown() != null) {
                jul.append(stackTraceOf(r.getThrown()));
            }
            jul.append('\n');
        }
    };

    CapturedLogs() {
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        for (java.util.logging.Handler h : julDetached) {
            julRoot.removeHandler(h);
        }
        julHandler.setLevel(java.util.logging.Level.ALL);
        julRoot.addHandler(julHandler);
        julRoot.setLevel(java.util.logging.Level.ALL);
        java.util.logging.Logger.getLogger("org.postgresql").setLevel(java.util.logging.Level.ALL);
    }

    /**
     * @return every captured line: message, arguments and stack traces
     */
    String text() {
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : List.copyOf(appender.list)) {
            out.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage());
            IThrowableProxy t = e.getThrowableProxy();
            if (t != null) {
                out.append('\n').append(ThrowableProxyUtil.asString(t));
            }
            out.append('\n');
        }
        synchronized (julHandler) {
            out.append(jul);
        }
        return out.toString();
    }

    int events() {
        return appender.list.size();
    }

    static String stackTraceOf(Throwable t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        root.detachAppender(appender);
        detached.forEach(root::addAppender);
        julRoot.setLevel(julLevel);
        julRoot.removeHandler(julHandler);
        for (java.util.logging.Handler h : julDetached) {
            julRoot.addHandler(h);
        }
        java.util.logging.Logger.getLogger("org.postgresql").setLevel(null);
    }
}
