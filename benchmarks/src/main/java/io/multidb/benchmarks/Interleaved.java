package io.multidb.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures two or more arms of a live-database benchmark interleaved in one JVM and one time
 * window, so that what the machine does meanwhile (other processes, the database's checkpoints and
 * autovacuum, CPU frequency) lands on every arm alike instead of on whichever JMH method happened
 * to run then.
 *
 * <p>A measurement is a series of <em>rounds</em>; each round gives one throughput per arm and, for
 * a pair of arms, one ratio. The result is the <em>median</em> of the per-round ratios with their
 * interquartile range, and the median throughput of each arm.
 *
 * <ul>
 *   <li><b>One thread</b>: the arms alternate operation by operation on one thread, in an order
 *       that reverses every cycle (A B C, C B A, A B C, ...), each operation timed on its own. A
 *       round is a block of whole cycles about {@code batch} long; an arm's throughput in it is its
 *       operations divided by the time they took. The arms are never more than a few operations
 *       apart, so even noise that changes from one tenth of a second to the next hits them alike.
 *       Arms of a few microseconds run a short loop of operations per turn
 *       ({@link Arm#opsPerRun()}), so that the clock reads around each turn are spread thin.</li>
 *   <li><b>Several threads</b> (or one thread in batch mode, for arms of a few hundred
 *       nanoseconds, which a clock read per operation would distort): all threads run the same arm for {@code batch}, then the next arm,
 *       the order reversing every round, so each arm is measured under its own concurrency (mixing
 *       arms across threads would let a light arm's load flatter a heavy one). Each thread's rate is
 *       its operations over the time from the start to the end of its last operation; the arm's
 *       throughput is the sum of the threads' rates.</li>
 * </ul>
 *
 * <p>Before the rounds the arms warm up, alternating in the same way. A round in which any operation
 * failed (another process restarting the database, say) is discarded: the harness waits until every
 * arm works again and runs the round anew, up to as many extra rounds as were asked for.
 */
final class Interleaved implements AutoCloseable {

    /** One operation of an arm: a whole unit (borrow, statements, commit, return). */
    interface Op {
        Object run() throws Exception;
    }

    /**
     * An arm: its name in the results and its operation.
     *
     * @param opsPerRun how many operations one call of {@code op} performs: arms of a few hundred
     *                  nanoseconds run a loop of many per call, so that neither a clock read nor a
     *                  virtual call per operation is measured with them
     */
    record Arm(String name, Op op, int opsPerRun) {
        Arm(String name, Op op) {
            this(name, op, 1);
        }
    }

    /** How long to warm up, how long one batch runs, how many rounds to keep. */
    record Plan(Duration warmup, Duration batch, int rounds) {
    }

    /**
     * What a measurement gave.
     *
     * @param arms      the arm names, in the order given
     * @param perRound  throughput in operations per second: {@code perRound[round][arm]}
     * @param discarded rounds thrown away because an operation failed
     * @param threads   threads per arm
     * @param seconds   wall time of the whole measurement, warm-up included
     */
    record Measurement(List<String> arms, double[][] perRound, int discarded, int threads, double seconds) {
        int index(String arm) {
            int i = arms.indexOf(arm);
            if (i < 0) {
                throw new IllegalArgumentException("No arm " + arm + " in " + arms);
            }
            return i;
        }

        /** @return the throughputs of one arm, one per kept round */
        double[] throughputs(String arm) {
            int i = index(arm);
            return Arrays.stream(perRound).mapToDouble(r -> r[i]).toArray();
        }

        /** @return {@code ours / baseline} for every kept round */
        double[] ratios(String ours, String baseline) {
            int o = index(ours);
            int b = index(baseline);
            return Arrays.stream(perRound).mapToDouble(r -> r[o] / r[b]).toArray();
        }

        Summary summary(String ours, String baseline) {
            return Interleaved.summary(throughputs(ours), throughputs(baseline));
        }
    }

    /**
     * @param ours     our arm's throughput per round
     * @param baseline the baseline arm's throughput in the same rounds (same length, same order:
     *                 rounds of several JVMs may be concatenated, as long as both arms' are alike)
     * @return the medians and the per-round ratios' median and quartiles
     */
    static Summary summary(double[] ours, double[] baseline) {
        if (ours.length != baseline.length) {
            throw new IllegalArgumentException("Arms of different measurements: " + ours.length + " and "
                    + baseline.length + " rounds");
        }
        double[] r = new double[ours.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ours[i] / baseline[i];
        }
        return new Summary(quantile(ours, 0.5), quantile(baseline, 0.5), quantile(r, 0.5), quantile(r, 0.25),
                quantile(r, 0.75), r.length);
    }

    /**
     * One pair of arms, summarised.
     *
     * @param ours     median throughput of our arm, operations per second
     * @param baseline median throughput of the baseline arm
     * @param ratio    median of the per-round ratios
     * @param p25      first quartile of the per-round ratios
     * @param p75      third quartile
     * @param pairs    number of rounds, each giving one ratio
     */
    record Summary(double ours, double baseline, double ratio, double p25, double p75, int pairs) {
        /** @return the fields as JSON members (no braces) */
        String json() {
            return String.format(Locale.ROOT, "\"ours_ops_per_s\":%.3f,\"baseline_ops_per_s\":%.3f,\"ratio\":%.4f,"
                    + "\"ratio_p25\":%.4f,\"ratio_p75\":%.4f,\"rounds\":%d", ours, baseline, ratio, p25, p75, pairs);
        }
    }

    private final int threads;
    private final boolean batches;
    private final ExecutorService workers;
    private final String name;
    private volatile Object sink;

    /**
     * @param name    for thread names and progress lines
     * @param threads threads per batch
     */
    Interleaved(String name, int threads) {
        this(name, threads, false);
    }

    /**
     * @param name    for thread names and progress lines
     * @param threads threads per batch
     * @param batches {@code true} to run whole batches of one arm at a time on one thread too (as
     *                with several threads), for arms too short to be timed one operation at a time
     */
    Interleaved(String name, int threads, boolean batches) {
        this.name = name;
        this.threads = threads;
        this.batches = batches;
        int[] n = {0};
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-worker-" + n[0]++);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Warms up, then runs {@code plan.rounds()} kept rounds.
     *
     * @param arms the arms, at least two
     * @param plan durations and round count
     * @return the per-round throughputs
     */
    Measurement measure(List<Arm> arms, Plan plan) throws InterruptedException {
        long began = System.nanoTime();
        long batch = plan.batch().toNanos();
        long warmupEnd = began + plan.warmup().toNanos();
        int cycle = 0;
        do {
            try {
                if (threads == 1 && !batches) {
                    alternating(arms, warmupEnd - System.nanoTime(), cycle++);
                } else {
                    for (Arm arm : order(arms, cycle++)) {
                        runBatch(arm, batch);
                    }
                }
            } catch (ExecutionException e) {
                awaitRecovery(arms, e.getCause());
            }
        } while (System.nanoTime() < warmupEnd || cycle < 2);

        List<double[]> kept = new ArrayList<>();
        int discarded = 0;
        int round = 0;
        while (kept.size() < plan.rounds()) {
            try {
                if (threads == 1 && !batches) {
                    kept.add(alternating(arms, batch, 0));
                } else {
                    double[] throughput = new double[arms.size()];
                    for (Arm arm : order(arms, round++)) {
                        throughput[arms.indexOf(arm)] = runBatch(arm, batch);
                    }
                    kept.add(throughput);
                }
            } catch (ExecutionException e) {
                if (++discarded > plan.rounds()) {
                    throw new IllegalStateException(name + ": more than " + plan.rounds() + " rounds failed; last"
                            + " failure: " + e.getCause(), e.getCause());
                }
                awaitRecovery(arms, e.getCause());
            }
        }
        List<String> names = arms.stream().map(Arm::name).toList();
        return new Measurement(names, kept.toArray(new double[0][]), discarded, threads,
                (System.nanoTime() - began) / 1e9);
    }

    /**
     * One block of the single-threaded mode: whole cycles of one turn per arm, the order
     * reversing every cycle, until {@code nanos} have passed (an even number of cycles, at least
     * two, so that every arm is as often early as late in a cycle).
     *
     * @return each arm's operations per second over the time its own operations took
     * @throws ExecutionException when an operation failed
     */
    private double[] alternating(List<Arm> arms, long nanos, int firstCycle)
            throws InterruptedException, ExecutionException {
        int n = arms.size();
        Op[] forward = new Op[n];
        for (int i = 0; i < n; i++) {
            forward[i] = arms.get(i).op();
        }
        Future<double[]> block = workers.submit(() -> {
            long[] spent = new long[n];
            long end = System.nanoTime() + nanos;
            int cycles = 0;
            Object last = null;
            do {
                boolean reverse = (firstCycle + cycles) % 2 == 1;
                for (int k = 0; k < n; k++) {
                    int i = reverse ? n - 1 - k : k;
                    long t0 = System.nanoTime();
                    last = forward[i].run();
                    spent[i] += System.nanoTime() - t0;
                }
                cycles++;
            } while (cycles < 2 || cycles % 2 == 1 || System.nanoTime() < end);
            sink = last;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = (double) cycles * arms.get(i).opsPerRun() * 1e9 / spent[i];
            }
            return out;
        });
        return block.get();
    }

    /** Forward on even rounds, backward on odd ones. */
    private static List<Arm> order(List<Arm> arms, int round) {
        if (round % 2 == 0) {
            return arms;
        }
        List<Arm> reversed = new ArrayList<>(arms);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /**
     * Runs one arm on every thread until {@code nanos} have passed.
     *
     * @return operations per second: the sum over the threads of each one's operations divided by
     *     the time from the start to the end of its last operation
     * @throws ExecutionException when an operation failed (after every thread stopped)
     */
    private double runBatch(Arm arm, long nanos) throws InterruptedException, ExecutionException {
        Op op = arm.op();
        int perRun = arm.opsPerRun();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Future<Double>> futures = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            futures.add(workers.submit(() -> {
                ready.countDown();
                go.await();
                long start = window[0];
                long deadline = window[1];
                long n = 0;
                long now;
                Object last = null;
                do {
                    last = op.run();
                    n += perRun;
                } while ((now = System.nanoTime()) < deadline);
                sink = last;
                return n * 1e9 / (now - start);
            }));
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + nanos;
        go.countDown(); // publishes window to the workers
        double rate = 0;
        ExecutionException failure = null;
        for (Future<Double> f : futures) {
            try {
                rate += f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return rate;
    }

    /** After a failed batch: waits until one operation of every arm succeeds again, up to three minutes. */
    private void awaitRecovery(List<Arm> arms, Throwable cause) throws InterruptedException {
        if (cause instanceof io.multidb.connection.ConfigurationException) {
            // a database that is set up wrongly (max_prepared_transactions = 0, say) will not come back
            throw new IllegalStateException(name + ": " + cause.getMessage(), cause);
        }
        System.err.println(name + ": a batch failed (" + cause + "); discarding the round and waiting for the"
                + " databases");
        long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            TimeUnit.SECONDS.sleep(1);
            try {
                for (Arm arm : arms) {
                    // on a worker thread, like the measured calls (the XA arms bind transactions to it)
                    sink = workers.submit(arm.op()::run).get();
                }
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException(name + ": the databases did not recover within 3 minutes",
                            e.getCause());
                }
            }
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /**
     * @param values some numbers
     * @param q      a quantile, 0 to 1
     * @return the quantile, linearly interpolated between order statistics
     */
    static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** @return the values, comma-separated, for the raw results */
    static String list(double[] values) {
        StringJoiner j = new StringJoiner(",");
        for (double v : values) {
            j.add(String.format(Locale.ROOT, "%.4g", v));
        }
        return j.toString();
    }
}
