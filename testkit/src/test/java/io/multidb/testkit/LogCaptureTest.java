package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogCaptureTest {

    @Test
    void everythingCapturesTraceEventsWithArgumentsAndStackTraces() {
        String secret = TestNames.unique("secret");
        try (LogCapture logs = LogCapture.everything()) {
            LoggerFactory.getLogger("io.multidb.example").trace("plain {}", secret);
            LoggerFactory.getLogger("com.zaxxer.hikari.pool.PoolBase").debug("failed",
                    new IllegalStateException("cause " + secret + "-in-trace"));
            assertThat(logs.events()).hasSize(2);
            assertThat(logs.text()).contains("TRACE io.multidb.example plain " + secret + " | " + secret)
                    .contains(secret + "-in-trace");
        }
    }

    @Test
    void everythingCapturesJavaUtilLoggingAtItsFinestAndRestoresItsLevels() {
        java.util.logging.Logger silenced = java.util.logging.Logger.getLogger("org.postgresql.core." + TestNames.unique());
        silenced.setLevel(java.util.logging.Level.OFF);
        try {
            try (LogCapture logs = LogCapture.everything()) {
                silenced.log(java.util.logging.Level.FINEST, "FE=> {0}", "parameter-value");
                assertThat(logs.text()).contains(silenced.getName()).contains("parameter-value");
            }
            assertThat(silenced.getLevel()).isEqualTo(java.util.logging.Level.OFF);
        } finally {
            silenced.setLevel(null);
        }
    }

    @Test
    void closeRestoresLogbackLevelsAndAppenders() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger hikari = (Logger) LoggerFactory.getLogger("com.zaxxer.hikari");
        Level rootBefore = root.getLevel();
        Level hikariBefore = hikari.getLevel();
        int appendersBefore = appenders(root);
        try (LogCapture logs = LogCapture.everything()) {
            assertThat(hikari.isTraceEnabled()).isTrue();
            assertThat(logs.events()).isEmpty();
        }
        assertThat(root.getLevel()).isEqualTo(rootBefore);
        assertThat(hikari.getLevel()).isEqualTo(hikariBefore);
        assertThat(appenders(root)).isEqualTo(appendersBefore);
    }

    @Test
    void standardStreamsAreCapturedWhenAsked() {
        String marker = TestNames.unique("printed");
        try (LogCapture logs = LogCapture.everything().withStandardStreams(false)) {
            System.err.println(marker);
            assertThat(logs.text()).contains(marker);
            assertThatThrownBy(() -> logs.withStandardStreams(false)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void oneLoggerIsCapturedAtTheGivenLevelAndWaitedFor() throws InterruptedException {
        String name = "io.multidb." + TestNames.unique("leak");
        try (LogCapture logs = LogCapture.logger(name, Level.INFO)) {
            LoggerFactory.getLogger(name).debug("below the level");
            LoggerFactory.getLogger("io.multidb.other").info("another logger");
            new Thread(() -> LoggerFactory.getLogger(name + ".child").info("reported")).start();
            ILoggingEvent event = logs.awaitEvent(e -> e.getLevel() == Level.INFO, Duration.ofSeconds(10));
            assertThat(event.getFormattedMessage()).isEqualTo("reported");
            assertThat(logs.events()).hasSize(1);
            assertThatThrownBy(() -> logs.awaitEvent(e -> e.getLevel() == Level.ERROR, Duration.ofMillis(20)))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("reported");
        }
        assertThat(((Logger) LoggerFactory.getLogger(name)).getLevel()).isNull();
    }

    @Test
    void stackTraceOfHoldsTheCauses() {
        String text = LogCapture.stackTraceOf(new RuntimeException("outer", new IllegalStateException("inner")));
        assertThat(text).contains("outer").contains("Caused by: java.lang.IllegalStateException: inner");
    }

    private static int appenders(Logger logger) {
        int n = 0;
        for (var it = logger.iteratorForAppenders(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }
}
