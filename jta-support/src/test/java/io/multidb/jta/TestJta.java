package io.multidb.jta;

import java.nio.file.Path;
import java.time.Duration;

/**
 * JTA support for the tests of this JVM: enabled once, with a log directory and node id of its own
 * under {@code target/}, a one-second recovery backoff (so that a recovery pass is quick) and no
 * background pass during the run.
 */
public final class TestJta {
    /** The node id of the surefire JVM. */
    public static final String NODE_ID = "surefire-" + ProcessHandle.current().pid();

    private TestJta() {
    }

    /**
     * @return the settings of this JVM
     */
    public static JtaSettings settings() {
        return JtaSettings.builder()
                .logDirectory(Path.of("target", "jta-logs", NODE_ID))
                .nodeId(NODE_ID)
                .recoveryBackoffPeriod(Duration.ofSeconds(1))
                .recoveryScanPeriod(Duration.ofHours(1))
                .build();
    }

    /** Enables JTA support for this JVM if it is not yet. */
    public static void enable() {
        JtaSupport.enable(settings());
    }
}
