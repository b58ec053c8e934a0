package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.ConnectionPool;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.StackTrace;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * B7: B4's load ({@link BorrowLoop}) on virtual threads: 10,000 of them on a pool of 10, each
 * holding its connection about 1 ms, over the stub driver, for HikariCP alone and for Multidb
 * sessions. Needs JDK 21 or later (the suite runs it on JDK 25); this module is compiled for Java
 * 17, so virtual threads are made through method handles.
 *
 * <p>Pinning: JFR records {@code jdk.VirtualThreadPinned} at threshold 0 (every pinned park,
 * however short, with its stack) over the whole run of each arm. The steady state begins when the
 * warm-up ends: by then every code path of the borrow loop has run thousands of times, so every
 * class it uses has been loaded and initialised. A marker event committed at that moment splits the
 * recording: pinned events that began before it are first use (reported as {@code pinned_warmup}),
 * those that began after it are counted as {@code pinned_steady}. Their stacks are printed, most
 * frequent first, as lines starting with {@code # pinned} (steady state) and
 * {@code # pinned-in-warm-up}.
 *
 * <p>Run: {@code java -cp benchmarks.jar io.multidb.benchmarks.B7VirtualThreads [seconds]}. Prints
 * one JSON object per arm.
 */
public final class B7VirtualThreads {
    static final int THREADS = 10_000;
    static final int POOL = 10;
    private static final String PINNED = "jdk.VirtualThreadPinned";

    private B7VirtualThreads() {
    }

    /** Committed when the warm-up ends: pinned events after it are the steady state's. */
    @Name("io.multidb.benchmarks.SteadyState")
    @Label("Steady state begins")
    @StackTrace(false)
    static final class SteadyState extends Event {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        if (Runtime.version().feature() < 21) {
            throw new IllegalStateException("B7 needs JDK 21 or later for virtual threads; this is JDK "
                    + Runtime.version());
        }
        ThreadFactory virtual = virtualThreadFactory();
        List<String> lines = new ArrayList<>();

        try (HikariDataSource hikari = StubPool.hikariAlone("b7-hikari", POOL)) {
            lines.addAll(run("hikari", seconds, virtual, BorrowLoop.fromHikari(hikari)));
        }

        ConnectionPool.configure(Map.of("b7", StubPool.config("b7", POOL)));
        try {
            lines.addAll(run("multidb", seconds, virtual, BorrowLoop.fromSession("b7")));
        } finally {
            ConnectionPool.closeAllConnections();
        }
        lines.forEach(System.out::println);
    }

    /** Runs one arm under a JFR recording; returns its JSON line after its pinned stacks. */
    private static List<String> run(String arm, int seconds, ThreadFactory virtual, BorrowLoop.Borrow borrow)
            throws InterruptedException, IOException {
        Path file = Files.createTempFile("b7-" + arm, ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(SteadyState.class);
            recording.start();
            BorrowLoop.Result result = BorrowLoop.run(arm, THREADS, POOL, seconds, virtual,
                    () -> new SteadyState().commit(), borrow);
            recording.stop();
            recording.dump(file);
            return report(arm, result, RecordingFile.readAllEvents(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<String> report(String arm, BorrowLoop.Result result, List<RecordedEvent> events) {
        Instant steady = events.stream().filter(e -> e.getEventType().getName().equals(SteadyState.class
                .getAnnotation(Name.class).value())).map(RecordedEvent::getStartTime).findFirst()
                .orElseThrow(() -> new IllegalStateException("no steady-state marker in the recording"));
        List<RecordedEvent> pinned = events.stream().filter(e -> e.getEventType().getName().equals(PINNED)).toList();
        List<RecordedEvent> steadyPins = pinned.stream().filter(e -> !e.getStartTime().isBefore(steady)).toList();
        List<RecordedEvent> warmupPins = pinned.stream().filter(e -> e.getStartTime().isBefore(steady)).toList();
        List<String> lines = new ArrayList<>();
        lines.addAll(stacks("# pinned " + arm, steadyPins));
        lines.addAll(stacks("# pinned-in-warm-up " + arm, warmupPins));
        double steadyPinnedMs = steadyPins.stream().mapToLong(e -> e.getDuration().toNanos()).sum() / 1e6;
        lines.add(result.json("B7", String.format(Locale.ROOT, ",\"jdk\":\"%s\",\"pinned_steady\":%d,"
                + "\"pinned_steady_ms\":%.3f,\"pinned_warmup\":%d", Runtime.version(), steadyPins.size(),
                steadyPinnedMs, warmupPins.size())));
        return lines;
    }

    /** @return a line per distinct stack, most frequent first (at most 10) */
    private static List<String> stacks(String prefix, List<RecordedEvent> pins) {
        Map<String, Long> stacks = pins.stream().collect(Collectors.groupingBy(B7VirtualThreads::describe,
                LinkedHashMap::new, Collectors.counting()));
        return stacks.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(s -> prefix + " x" + s.getValue() + ": " + s.getKey()).toList();
    }

    /** The reason (JDK 24 and later) and the innermost frames of a pinned event. */
    private static String describe(RecordedEvent e) {
        String reason = e.hasField("pinnedReason") ? e.getString("pinnedReason") : "pinned";
        String frames = e.getStackTrace() == null ? "" : e.getStackTrace().getFrames().stream().limit(8)
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .collect(Collectors.joining(" < "));
        return reason + " at " + frames;
    }

    /** {@code Thread.ofVirtual().factory()}, called through method handles (JDK 21 API, Java 17 code). */
    private static ThreadFactory virtualThreadFactory() {
        try {
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle factory = lookup.findVirtual(Class.forName("java.lang.Thread$Builder"), "factory",
                    MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(builder.invoke());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot make virtual threads on JDK " + Runtime.version(), e);
        }
    }
}
