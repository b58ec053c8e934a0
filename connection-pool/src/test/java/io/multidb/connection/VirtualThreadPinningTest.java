package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * Virtual threads that wait for Multidb's one-time work do not pin their carriers, recorded with
 * JFR's {@code jdk.VirtualThreadPinned} at threshold 0. JDK 21 and later only: the build runs on
 * JDK 17 and skips it; the {@code virtual-threads} profile of this module runs it again on JDK 25,
 * in a JVM of its own, so that nothing has created Jdbi before.
 *
 * <p>What each test records is only the waiting: the classes of the session and pool path are
 * initialised beforehand by one thread.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@ExtendWith(ClosePools.class)
class VirtualThreadPinningTest {
    private static final int THREADS = 10;
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    @Test
    void virtualThreadsWaitingForALazyPoolToStartPinNoCarrier() throws Exception {
        ConnectionPool.configure(Map.of("warm", GatedDriver.config("vt_warm"), "cold", GatedDriver.config("vt_cold")));
        join(List.of(virtual(() -> selectOne("warm"))));
        GatedDriver.Gate gate = GatedDriver.close("vt_cold");
        List<PinnedEvents.Pin> pinned;
        try (PinnedEvents events = PinnedEvents.record()) {
            List<Thread> threads = new ArrayList<>();
            try {
                threads.add(virtual(() -> selectOne("cold")));
                assertThat(gate.awaitReached()).as("the first borrower is opening the pool's first connection").isTrue();
                for (int i = 1; i < THREADS; i++) {
                    threads.add(virtual(() -> selectOne("cold")));
                }
                awaitWaitingIn("started", threads.subList(1, THREADS));
            } finally {
                gate.open();
            }
            join(threads);
            pinned = events.stop();
        }
        assertThat(failures).isEmpty();
        assertThat(pinned).as("carriers pinned while %s virtual threads started a pool", THREADS).isEmpty();
    }

    @Test
    void virtualThreadsWaitingForTheSharedJdbiPinNoCarrierOnAClassOfMultidb() throws Exception {
        ConnectionPool.configure(Map.of("jdbi", Configs.with(Configs.h2("vt_jdbi"), "pool_size", THREADS)));
        join(List.of(virtual(() -> selectOne("jdbi"))));
        // its own class initialiser is trivial; what is recorded is the wait for Jdbi's creation
        Class.forName("io.multidb.connection.internal.Handles", true, getClass().getClassLoader());
        CountDownLatch borrowed = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<PinnedEvents.Pin> pinned;
        try (PinnedEvents events = PinnedEvents.record()) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                threads.add(virtual(() -> {
                    try (Session s = DatabaseManager.getSession("jdbi")) {
                        s.connection();
                        borrowed.countDown();
                        go.await();
                        assertThat(s.handle().isClosed()).isFalse();
                    }
                    return null;
                }));
            }
            assertThat(borrowed.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            join(threads);
            pinned = events.stop();
        }
        assertThat(failures).isEmpty();
        // the reason names the class waited for (JDK 24 and later); Jdbi's own classes may be initialised
        // by one thread while another waits: not ours to change
        assertThat(pinned).as("carriers pinned on Multidb's classes while %s virtual threads opened the first handles",
                THREADS).filteredOn(p -> p.reason().contains("io.multidb.")).isEmpty();
    }

    private static Object selectOne(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            assertThat(s.query("select 1 as one")).hasSize(1);
        }
        return null;
    }

    /** Work for a thread, whose failure the test reports. */
    interface Work {
        Object run() throws Exception;
    }

    private Thread virtual(Work work) {
        return VirtualThreads.start(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        });
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(t.isAlive()).as("%s still running after 30 s", t).isFalse();
        }
    }

    /**
     * Waits (at most 10 s) until every thread is parked inside {@code method}: {@code WAITING}, not
     * {@code BLOCKED} on a monitor.
     */
    private static void awaitWaitingIn(String method, List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING
                    && Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getMethodName().equals(method)))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("not every thread was parked (WAITING) in " + method + ": "
                + threads.stream().map(t -> t + " " + t.getState()).toList());
    }
}
