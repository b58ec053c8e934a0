package io.multidb.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Behind {@link ProvokesWarnings}: for each test, the named loggers stop passing events to their
 * parents and keep them in a list instead; after the test their additivity comes back, and the
 * list is replayed through the usual appenders only when the test failed.
 */
final class ProvokesWarningsExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ProvokesWarningsExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(HeldBack.class, new HeldBack(loggerContext(), loggerNames(context)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        HeldBack held = context.getStore(NAMESPACE).remove(HeldBack.class, HeldBack.class);
        if (held != null) {
            held.release(context.getExecutionException().isPresent());
        }
    }

    private static Set<String> loggerNames(ExtensionContext context) {
        Set<String> names = new LinkedHashSet<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            c.get().getElement().flatMap(e -> AnnotationSupport.findAnnotation(e, ProvokesWarnings.class))
                    .ifPresent(a -> names.addAll(List.of(a.value())));
        }
        return names;
    }

    private static LoggerContext loggerContext() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext logback) {
            return logback;
        }
        throw new ExtensionConfigurationException("@ProvokesWarnings needs logback-classic as the SLF4J provider"
                + " of the tests, not " + factory.getClass().getName());
    }

    private static final class HeldBack {
        private final LoggerContext context;
        private final Map<Logger, Boolean> additivity = new LinkedHashMap<>();
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

        HeldBack(LoggerContext context, Set<String> names) {
            this.context = context;
            appender.setContext(context);
            appender.start();
            for (String name : names) {
                Logger logger = context.getLogger(name);
                additivity.put(logger, logger.isAdditive());
                logger.addAppender(appender);
                logger.setAdditive(false);
            }
        }

        void release(boolean replay) {
            additivity.forEach((logger, additive) -> {
                logger.setAdditive(additive);
                logger.detachAppender(appender);
            });
            appender.stop();
            if (replay) {
                List<ILoggingEvent> events;
                synchronized (appender) {
                    events = new ArrayList<>(appender.list);
                }
                events.forEach(e -> context.getLogger(e.getLoggerName()).callAppenders(e));
            }
        }
    }
}
