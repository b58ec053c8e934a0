package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * Defect: a caller measured 249 ms before {@link PoolExhaustedException} with {@code pool_timeout}
 * 250 ms. The library must never give up before {@code pool_timeout} has passed as the caller
 * measures it, through the fair queue or without it. Only a lower bound is asserted: how much later
 * the exception comes depends on the machine's load.
 */
@ExtendWith(ClosePools.class)
class PoolTimeoutTest {
    private static final long TIMEOUT_MILLIS = 250;
    private static final int ATTEMPTS = 8;

    @AllEngines
    void noCallerWaitsLessThanPoolTimeoutThroughTheFairQueue(TestDatabase db) throws Exception {
        neverEarly(db, true);
    }

    @AllEngines
    void noCallerWaitsLessThanPoolTimeoutWithoutTheFairQueue(TestDatabase db) throws Exception {
        neverEarly(db, false);
    }

    private static void neverEarly(TestDatabase db, boolean fairQueue) throws Exception {
        ConnectionPool.configure(Map.of("small", Configs.with(db.freshConfig(), "pool_size", 1,
                "pool_timeout", TIMEOUT_MILLIS / 1000.0, "fair_queue", fairQueue)));
        try (Session holder = DatabaseManager.getSession("small")) {
            holder.connection();
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < ATTEMPTS; i++) {
                    long start = System.nanoTime();
                    PoolExhaustedException e = catchThrowableOfType(PoolExhaustedException.class, () -> {
                        try (Session s = DatabaseManager.getSession("small")) {
                            s.connection();
                        }
                    });
                    long waitedNanos = System.nanoTime() - start;
                    assertThat(e).as("attempt %d", i).isNotNull();
                    assertThat(waitedNanos).as("nanoseconds the caller waited, attempt %d", i)
                            .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MILLIS));
                    assertThat(e.waited()).as("waited() of attempt %d", i)
                            .isGreaterThanOrEqualTo(Duration.ofMillis(TIMEOUT_MILLIS));
                    assertThat(e.getMessage()).contains("'small'");
                }
            }).get(5, TimeUnit.MINUTES);
        }
    }
}
