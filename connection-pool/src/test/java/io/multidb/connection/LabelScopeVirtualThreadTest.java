package io.multidb.connection;

import static io.multidb.connection.Configs.h2;
import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.testkit.ClosePools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-request routing on virtual threads: each wrapped task sees the label of the thread that
 * wrapped it, and sessions on it pin no carrier. JDK 21 and later only: skipped on the JDK 17 build,
 * run again on JDK 25 by the {@code virtual-threads} profile.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@ExtendWith(ClosePools.class)
class LabelScopeVirtualThreadTest {
    private static final int THREADS = 50;

    @Test
    void virtualThreadsEachRouteToTheLabelTheyWereGivenAndPinNoCarrier() throws Exception {
        ConnectionPool.configure(Map.of("tenant_1", h2(unique()), "tenant_2", h2(unique())));
        for (String tenant : List.of("tenant_1", "tenant_2")) {
            DatabaseManager.inTransaction(tenant, s -> s.execute("create table who (name varchar(20))")
                    + s.execute("insert into who values (?)", tenant));
        }
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Queue<String> mismatches = new ConcurrentLinkedQueue<>();
        // one-time class loading and initialisation on the session path is not what is recorded
        Thread warmUp = VirtualThreads.start(LabelScope.call("tenant_1", () -> LabelScope.wrap(() -> {
            try (Session s = DatabaseManager.getSession()) {
                s.query(String.class, "select name from who");
            }
        })));
        warmUp.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(warmUp.isAlive()).isFalse();
        List<PinnedEvents.Pin> pinned;
        try (PinnedEvents events = PinnedEvents.record()) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String tenant = i % 2 == 0 ? "tenant_1" : "tenant_2";
                Runnable task = LabelScope.call(tenant, () -> LabelScope.wrap(() -> {
                    try (Session s = DatabaseManager.getSession()) {
                        String seen = s.query(String.class, "select name from who").get(0);
                        if (!seen.equals(tenant)) {
                            mismatches.add(tenant + " saw " + seen);
                        }
                    } catch (RuntimeException | Error e) {
                        failures.add(e);
                    }
                }));
                threads.add(VirtualThreads.start(task));
            }
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as("%s still running after 30 s", t).isFalse();
            }
            pinned = events.stop();
        }
        assertThat(failures).isEmpty();
        assertThat(mismatches).isEmpty();
        assertThat(pinned).as("carriers pinned while virtual threads used routed sessions").isEmpty();
    }
}
