package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * Where Multidb makes threads wait for work that does I/O (a lazy pool's start, which opens its
 * first connection; {@code configure} opening an eager label), the working thread holds no monitor
 * of Multidb's and the others wait on a {@code java.util.concurrent} lock it owns: a virtual thread
 * that blocks while holding a monitor, or waits for one, pins its carrier on JDK 21 to 23. Shown
 * with platform threads, so it runs on JDK 17; {@link VirtualThreadPinningTest} shows the same
 * with virtual threads and JFR on JDK 21 and later.
 */
@ExtendWith(ClosePools.class)
class MonitorFreeWaitsTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void joinThreads() throws InterruptedException {
        for (Thread t : started) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void borrowersWaitForALazyPoolToStartOnALockOfTheStartingThreadNotOnAMonitor() throws Exception {
        GatedDriver.Gate gate = GatedDriver.close("monitor_free_lazy");
        ConnectionPool.configure(Map.of("lazy", GatedDriver.config("monitor_free_lazy")));
        try {
            Thread starting = start(() -> selectOne("lazy"));
            assertThat(gate.awaitReached()).as("the first borrower is opening the pool's first connection").isTrue();
            List<Thread> waiting = List.of(start(() -> selectOne("lazy")), start(() -> selectOne("lazy")));

            awaitParkedOnLockOf(starting, waiting);
            assertThat(monitorsOfMultidbHeldBy(starting)).as("monitors held while starting the pool").isEmpty();
        } finally {
            gate.open();
        }
        joinThreads();
        assertThat(failures).isEmpty();
    }

    @Test
    void closeWaitsForAConfigureThatOpensAnEagerLabelOnALockNotOnAMonitor() throws Exception {
        GatedDriver.Gate gate = GatedDriver.close("monitor_free_eager");
        try {
            Thread configuring = start(() -> ConnectionPool.configure(Map.of("eager",
                    Configs.with(GatedDriver.config("monitor_free_eager"), "lazy", false))));
            assertThat(gate.awaitReached()).as("configure is opening the eager label's first connection").isTrue();
            Thread closing = start(ConnectionPool::closeAllConnections);

            awaitParkedOnLockOf(configuring, List.of(closing));
            assertThat(monitorsOfMultidbHeldBy(configuring)).as("monitors held while configuring").isEmpty();
        } finally {
            gate.open();
        }
        joinThreads();
        assertThat(failures).isEmpty();
        assertThat(ConnectionPool.isConfigured()).as("closed after the configure it waited for").isFalse();
    }

    private static void selectOne(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            assertThat(s.query("select 1 as one")).hasSize(1);
        }
    }

    private Thread start(Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "monitor-free-" + started.size());
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    /**
     * Waits (at most 10 s) until every waiter is parked ({@code WAITING}, as on a
     * {@code java.util.concurrent} lock) on a lock that {@code owner} holds; a thread blocked on a
     * monitor would be {@code BLOCKED} instead.
     */
    private static void awaitParkedOnLockOf(Thread owner, List<Thread> waiters) throws InterruptedException {
        long[] ids = waiters.stream().mapToLong(Thread::getId).toArray();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ThreadInfo[] infos;
        do {
            infos = THREADS.getThreadInfo(ids, false, false);
            if (Arrays.stream(infos).allMatch(i -> i != null && i.getThreadState() == Thread.State.WAITING
                    && i.getLockOwnerId() == owner.getId())) {
                return;
            }
            Thread.sleep(5);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the waiters did not park on a lock of " + owner.getName() + ": "
                + Arrays.stream(infos).map(i -> i == null ? "ended" : i.getThreadName() + " " + i.getThreadState()
                        + " on " + i.getLockName() + " owned by " + i.getLockOwnerName()).toList());
    }

    /** @return the monitors that {@code t} entered in a frame of Multidb's own code */
    private static List<String> monitorsOfMultidbHeldBy(Thread t) {
        MonitorInfo[] monitors = THREADS.getThreadInfo(new long[] {t.getId()}, true, false)[0].getLockedMonitors();
        return Arrays.stream(monitors).filter(m -> m.getLockedStackFrame().getClassName().startsWith("io.multidb."))
                .map(m -> m.getClassName() + " entered in " + m.getLockedStackFrame()).toList();
    }
}
