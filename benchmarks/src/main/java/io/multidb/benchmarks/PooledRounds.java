package io.multidb.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-round throughputs of interleaved arms ({@link Interleaved}) as child JVMs print them, one
 * line per arm: {@code {"benchmark":"B8","arm":"tx-maps","ops_per_s_by_round":"..."}}. The rounds of
 * several JVMs are pooled in JVM order, so that the n-th pooled round of two arms of one measurement
 * comes from the same JVM and the same round, and their ratio is a per-round ratio as in one JVM.
 */
final class PooledRounds {
    private final String benchmark;
    private final double scale;
    private final String unit;
    private final Map<String, List<double[]>> perJvm = new LinkedHashMap<>();
    private final List<BenchSuite.Row> rows = new ArrayList<>();
    private int jvms;

    /**
     * @param benchmark the id the lines carry and the rows show, {@code "B8"}
     * @param scale     from operations per second to {@code unit}
     * @param unit      the throughput unit of the rows
     */
    PooledRounds(String benchmark, double scale, String unit) {
        this.benchmark = benchmark;
        this.scale = scale;
        this.unit = unit;
    }

    /**
     * Prints one line per arm of a measurement, for {@link #add(String)} in the parent JVM.
     *
     * @param benchmark the id, {@code "B8"}
     * @param m         what the measurement gave
     */
    static void print(String benchmark, Interleaved.Measurement m) {
        for (String arm : m.arms()) {
            System.out.println("{\"benchmark\":\"" + benchmark + "\",\"arm\":\"" + arm + "\",\"ops_per_s_by_round\":\""
                    + Interleaved.list(m.throughputs(arm)) + "\",\"discarded\":" + m.discarded() + "}");
        }
    }

    /**
     * @param output everything one child JVM printed
     */
    void add(String output) {
        jvms++;
        String prefix = "{\"benchmark\":\"" + benchmark + "\",\"arm\":";
        for (String line : output.split("\n")) {
            if (line.startsWith(prefix)) {
                Map<String, String> f = BenchSuite.fields(line);
                double[] rounds = Arrays.stream(f.get("ops_per_s_by_round").split(","))
                        .mapToDouble(Double::parseDouble).toArray();
                perJvm.computeIfAbsent(f.get("arm"), k -> new ArrayList<>()).add(rounds);
            }
        }
    }

    /** @return whether the arm was measured (in every JVM) */
    boolean has(String arm) {
        List<double[]> r = perJvm.get(arm);
        return r != null && r.size() == jvms;
    }

    private double[] pooled(String arm) {
        if (!has(arm)) {
            throw new IllegalArgumentException(benchmark + ": arm " + arm + " was not measured in every JVM; measured: "
                    + perJvm.keySet());
        }
        return perJvm.get(arm).stream().flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * Adds a row: the arms' median throughputs, the median of the per-round ratios as the ratio,
     * and the ratios' interquartile range in the text. A read-only arm ({@code ro-...}) that was not
     * measured, because the library has no read-only session yet ({@link ReadSessions}), gets a row
     * that says so, with its goal.
     *
     * @param what     what the row compares
     * @param ours     our arm
     * @param baseline the baseline arm, measured in the same rounds
     * @param goal     the goal as shown
     * @param min      the least ratio that meets it; {@code NaN} for an informative row
     */
    void row(String what, String ours, String baseline, String goal, double min) {
        if (ours.startsWith("ro-") && !has(ours)) {
            rows.add(new BenchSuite.Row(benchmark, what + "; " + ReadSessions.MISSING, Double.NaN, Double.NaN, unit,
                    Double.NaN, goal, false));
            return;
        }
        Interleaved.Summary s = Interleaved.summary(pooled(ours), pooled(baseline));
        String spread = String.format(Locale.ROOT, "; median of %d interleaved rounds%s, IQR %.3f-%.3f", s.pairs(),
                jvms == 1 ? "" : " in " + jvms + " JVMs", s.p25(), s.p75());
        rows.add(new BenchSuite.Row(benchmark, what + spread, s.ours() * scale, s.baseline() * scale, unit, s.ratio(),
                goal, Double.isNaN(min) || s.ratio() >= min));
    }

    /** A row whose goal is a least ratio, {@code >= min}. */
    void atLeast(String what, String ours, String baseline, double min) {
        row(what, ours, baseline, String.format(Locale.ROOT, ">= %.2f", min), min);
    }

    /** A row whose goal is to be ahead: a ratio above 1. */
    void ahead(String what, String ours, String baseline) {
        row(what, ours, baseline, "> 1.00", Math.nextUp(1.0));
    }

    /** A row without a goal. */
    void info(String what, String ours, String baseline) {
        row(what, ours, baseline, "(info)", Double.NaN);
    }

    /** @return the rows added so far */
    List<BenchSuite.Row> rows() {
        return rows;
    }

    /**
     * @return per arm: its median throughput in each JVM, in the rows' unit, and every round in
     *     operations per second (for the raw results)
     */
    Map<String, Object> raw() {
        Map<String, Object> out = new LinkedHashMap<>();
        perJvm.forEach((arm, rounds) -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("median per JVM", rounds.stream()
                    .map(r -> String.format(Locale.ROOT, "%.4g", Interleaved.quantile(r, 0.5) * scale)).toList());
            a.put("ops_per_s_by_round", rounds.stream().map(Interleaved::list).toList());
            out.put(arm, a);
        });
        return out;
    }
}
