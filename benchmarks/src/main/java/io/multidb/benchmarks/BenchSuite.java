package io.multidb.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs B1-B5, B7 and B8 and prints one table: benchmark, our arm, baseline, ratio, goal, met.
 * Writes every raw number, the JDK, the CPU and the date as JSON under {@code benchmarks/results/}.
 *
 * <p>B5 is a JMH benchmark; B4 is its own load test, and B7 the same load on virtual threads, run
 * on JDK 25 ({@link #JDK25}). B1 (on the stub driver), B8 (on H2 in memory) and B2 and B3 (on live
 * databases) measure their arms interleaved in child JVMs ({@link Interleaved}) and report, for
 * each pair of arms, the median throughputs, the median of the per-round ratios and, in the row's
 * text, the ratios' interquartile range. A row whose arm could not be measured shows {@code -} as
 * its ratio and in its "met" column, and says why.
 *
 * <p>Run through {@code scripts/bench.sh [--quick]}.
 */
public final class BenchSuite {
    /**
     * The JDK that runs B7 (virtual threads): {@code MULTIDB_BENCH_JDK25} names its {@code java}, or
     * any JDK 21 or later; by default the Temurin 25 JDK of this project's machines.
     */
    static final Path JDK25 = Path.of(System.getenv().getOrDefault("MULTIDB_BENCH_JDK25",
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

    private final boolean quick;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> raw = new LinkedHashMap<>();

    private BenchSuite(boolean quick) {
        this.quick = quick;
    }

    /** One line of the table. */
    record Row(String id, String what, double ours, double baseline, String unit, double ratio, String goal,
            boolean met) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path out = Path.of(args.length > 0 && !args[args.length - 1].startsWith("--") ? args[args.length - 1]
                : "benchmarks/results");
        // --only=B1,B4 runs just those (for a check after a change); the default runs all
        List<String> only = List.of(args).stream().filter(a -> a.startsWith("--only="))
                .flatMap(a -> List.of(a.substring("--only=".length()).split(",")).stream()).toList();
        java.util.function.Predicate<String> wanted = id -> only.isEmpty() || only.contains(id);
        BenchSuite suite = new BenchSuite(quick);
        if (wanted.test("B1")) {
            suite.b1();
        }
        if (wanted.test("B4")) {
            suite.b4();
        }
        if (wanted.test("B5")) {
            suite.b5();
        }
        if (wanted.test("B7")) {
            suite.b7();
        }
        if (wanted.test("B8")) {
            suite.rows.addAll(B8QueryOverhead.run(quick, suite.raw));
        }
        if (wanted.test("B2")) {
            suite.optional("io.multidb.benchmarks.B2DaoVersusPeers", "B2");
        }
        if (wanted.test("B3")) {
            suite.optional("io.multidb.benchmarks.B3XaVersusHandWired", "B3");
        }
        suite.report(out);
    }

    private ChainedOptionsBuilder jmh(String include) {
        return jmh(include, quick);
    }

    static ChainedOptionsBuilder jmh(String include, boolean quick) {
        ChainedOptionsBuilder b = new OptionsBuilder().include(include).shouldFailOnError(true);
        if (quick) {
            b.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1)).forks(1);
        } else {
            b.warmupIterations(3).warmupTime(TimeValue.seconds(2)).measurementIterations(5)
                    .measurementTime(TimeValue.seconds(2)).forks(1);
        }
        return b;
    }

    static Map<String, Double> scores(Collection<RunResult> results) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            StringBuilder key = new StringBuilder(name);
            for (String p : r.getParams().getParamsKeys()) {
                key.append('[').append(p).append('=').append(r.getParams().getParam(p)).append(']');
            }
            scores.put(key.toString(), r.getPrimaryResult().getScore());
        }
        return scores;
    }

    private void b1() throws Exception {
        rows.addAll(B1SessionOverhead.run(quick, raw));
    }

    private void b4() throws Exception {
        // 10 s per arm even in quick mode: with 5 s the first second after warm-up weighed on the
        // p99 (1.7 against 1.1-1.2 in 10 and 20 s runs)
        Map<String, Map<String, String>> arms = loadArms("B4", child("io.multidb.benchmarks.B4FairnessUnderLoad",
                quick ? "10" : "20"));
        raw.put("B4", arms);
        loadRows("B4", "1000 threads / pool of 10 / 1 ms hold", arms.get("multidb"), arms.get("hikari"));
    }

    /**
     * B7 runs in a child JVM on {@link #JDK25}. Where that JDK is missing or the run fails, its row
     * says so and the suite goes on.
     */
    private void b7() throws Exception {
        String goals = ">= 0.95; <= 1.5; 0 pinned";
        if (!Files.isExecutable(JDK25)) {
            rows.add(new Row("B7", "not run: no JDK at " + JDK25 + " (MULTIDB_BENCH_JDK25 names a java of JDK 21 or"
                    + " later)", Double.NaN, Double.NaN, "", Double.NaN, goals, false));
            return;
        }
        String out;
        try {
            out = child(JDK25, false, "io.multidb.benchmarks.B7VirtualThreads", quick ? "10" : "20");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            rows.add(new Row("B7", "failed on " + JDK25 + ": see the output above", Double.NaN, Double.NaN, "",
                    Double.NaN, goals, false));
            return;
        }
        Map<String, Map<String, String>> arms = loadArms("B7", out);
        List<String> pinnedStacks = out.lines().filter(line -> line.startsWith("# pinned")).toList();
        pinnedStacks.forEach(System.out::println);
        raw.put("B7", arms);
        raw.put("B7_pinned_stacks", pinnedStacks);
        Map<String, String> hikari = arms.get("hikari");
        Map<String, String> ours = arms.get("multidb");
        loadRows("B7", "10,000 virtual threads / pool of 10 / 1 ms hold, JDK " + ours.get("jdk"), ours, hikari);
        rows.add(new Row("B7", "HikariCP alone: throughput vs ideal, same load", num(hikari, "ops_per_s"),
                num(hikari, "ideal_ops_per_s"), "ops/s", num(hikari, "throughput_ratio"), "(info)", true));
        rows.add(new Row("B7", "threads that completed no borrow in the measured window, so are in no wait"
                + " percentile (Multidb vs HikariCP alone)", num(ours, "threads_without_a_borrow"),
                num(hikari, "threads_without_a_borrow"), "", Double.NaN, "(info)", true));
        double pinned = num(ours, "pinned_steady");
        rows.add(new Row("B7", "jdk.VirtualThreadPinned events in steady state, JFR threshold 0, after a warm-up that"
                + " ran every path (Multidb; baseline column: HikariCP alone)", pinned, num(hikari, "pinned_steady"), "",
                Double.NaN, "0", pinned == 0));
        rows.add(new Row("B7", "jdk.VirtualThreadPinned events during warm-up: first use, not counted (Multidb vs"
                + " HikariCP alone)", num(ours, "pinned_warmup"), num(hikari, "pinned_warmup"), "", Double.NaN,
                "(info)", true));
    }

    /** @return the JSON line of each arm of a {@link BorrowLoop} benchmark, by arm */
    private static Map<String, Map<String, String>> loadArms(String id, String out) {
        Map<String, Map<String, String>> arms = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("{\"benchmark\":\"" + id + "\"")) {
                Map<String, String> fields = fields(line);
                arms.put(fields.get("arm"), fields);
            }
        }
        return arms;
    }

    /** The rows of a {@link BorrowLoop} benchmark: Multidb's arm, and HikariCP alone for comparison. */
    private void loadRows(String id, String load, Map<String, String> ours, Map<String, String> hikari) {
        double ratio = num(ours, "throughput_ratio");
        rows.add(new Row(id, "throughput vs ideal, " + load, num(ours, "ops_per_s"), num(ours, "ideal_ops_per_s"),
                "ops/s", ratio, ">= 0.95", ratio >= 0.95));
        double spread = num(ours, "p99_over_mean");
        rows.add(new Row(id, "p99 wait / mean wait (Multidb; baseline column: HikariCP alone)", spread,
                num(hikari, "p99_over_mean"), "x", spread, "<= 1.5", spread <= 1.5));
        rows.add(new Row(id, "p99 wait ms (Multidb vs HikariCP alone)", num(ours, "p99_wait_ms"),
                num(hikari, "p99_wait_ms"), "ms", num(ours, "p99_wait_ms") / num(hikari, "p99_wait_ms"), "(info)",
                true));
        rows.add(new Row(id, "fairness index (Jain; 1 = equal shares)", num(ours, "fairness_index"),
                num(hikari, "fairness_index"), "", num(ours, "fairness_index") / num(hikari, "fairness_index"),
                "(info)", true));
    }

    private void b5() throws Exception {
        Map<String, Double> s = scores(new Runner(jmh(B5ConfigureManyLabels.class.getSimpleName()).build()).run());
        raw.put("B5_us_per_op", s);
        double one = s.get("multidbConfigureLazy[labels=1]");
        double many = s.get("multidbConfigureLazy[labels=200]");
        double perLabel = many / 200 / one;
        rows.add(new Row("B5", "configure 200 lazy labels, per label, vs configure 1 label", many / 200, one, "us",
                perLabel, "<= 1.5", perLabel <= 1.5));
        double hikari = s.get("hikariPoolsUpFront[labels=200]");
        rows.add(new Row("B5", "configure 200 lazy labels vs 200 HikariCP pools up front", many, hikari, "us",
                many / hikari, "(info)", true));
        Map<String, String> f = fields(lastJson(child("io.multidb.benchmarks.B5Footprint")));
        raw.put("B5_footprint", f);
        double heap = num(f, "multidb_heap_bytes_per_label");
        rows.add(new Row("B5", "heap per unused label (bytes)", heap, 4096, "B", heap / 4096, "<= 4096 B",
                heap <= 4096));
        double threads = num(f, "multidb_new_threads");
        double conns = num(f, "multidb_connections");
        rows.add(new Row("B5", "threads + connections after configure (baseline: HikariCP up front)",
                threads + conns, num(f, "hikari_up_front_new_threads") + num(f, "hikari_up_front_connections"), "",
                0, "0", threads + conns == 0));
    }

    /** B2 and B3 need PostgreSQL/MariaDB and the DAO/XA modules; they report rows when present. */
    private void optional(String className, String id) throws Exception {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            rows.add(new Row(id, "not built into this benchmarks jar", Double.NaN, Double.NaN, "", Double.NaN, "",
                    false));
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            List<Row> produced = (List<Row>) type.getMethod("run", boolean.class, Map.class).invoke(null, quick, raw);
            rows.addAll(produced);
        } catch (java.lang.reflect.InvocationTargetException e) {
            // a database that is down must not cost the rows already measured
            e.getCause().printStackTrace();
            String reason = String.valueOf(e.getCause().getMessage()).lines().findFirst().orElse("");
            rows.add(new Row(id, "failed: " + reason.replace('|', '/'), Double.NaN, Double.NaN, "", Double.NaN, "",
                    false));
        }
    }

    static Row ratioRow(String id, String what, double ours, double baseline, String unit, String goal, double min) {
        double ratio = ours / baseline;
        return new Row(id, what, ours, baseline, unit, ratio, goal, Double.isNaN(min) || ratio >= min);
    }

    private static String child(String mainClass, String... args) throws IOException, InterruptedException {
        return child(false, mainClass, args);
    }

    /**
     * Runs a main class in a fresh JVM on this class path.
     *
     * @param echo  also print the child's output as it comes (progress of the long interleaved runs)
     * @param mainClass the class
     * @param args  its arguments
     * @return everything it printed
     */
    static String child(boolean echo, String mainClass, String... args) throws IOException, InterruptedException {
        return child(Path.of(System.getProperty("java.home"), "bin", "java"), echo, mainClass, args);
    }

    /**
     * As {@link #child(boolean, String, String...)}, on another JDK.
     *
     * @param java the {@code java} executable to run
     */
    static String child(Path java, boolean echo, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                out.append(line).append('\n');
                if (echo) {
                    System.out.println(line);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(mainClass + " failed:\n" + out);
        }
        return out.toString();
    }

    /**
     * A row of an interleaved measurement ({@link Interleaved}): the arms' median throughputs, the
     * median of the per-round ratios as the ratio, and the ratios' interquartile range in the text.
     *
     * @param fields a pair's JSON fields: ours_ops_per_s, baseline_ops_per_s, ratio, ratio_p25,
     *               ratio_p75, rounds
     * @param scale  from operations per second to {@code unit}
     */
    static Row pairedRow(String id, String what, Map<String, String> fields, double scale, String unit, String goal,
            double min) {
        double ratio = num(fields, "ratio");
        String spread = String.format(Locale.ROOT, "; median of %s interleaved rounds, IQR %.3f-%.3f",
                fields.get("rounds"), num(fields, "ratio_p25"), num(fields, "ratio_p75"));
        return new Row(id, what + spread, num(fields, "ours_ops_per_s") * scale,
                num(fields, "baseline_ops_per_s") * scale, unit, ratio, goal, Double.isNaN(min) || ratio >= min);
    }

    private static String lastJson(String out) {
        String last = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("{")) {
                last = line;
            }
        }
        return last;
    }

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[-0-9.eE]+)");

    static Map<String, String> fields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("\"", ""));
        }
        return out;
    }

    static double num(Map<String, String> fields, String key) {
        return Double.parseDouble(fields.get(key));
    }

    private void report(Path dir) throws IOException {
        String table = table();
        System.out.println();
        System.out.println(table);
        Files.createDirectories(dir);
        String stamp = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path json = dir.resolve(stamp + (quick ? "-quick" : "-full") + ".json");
        Files.writeString(json, json(stamp), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest-" + (quick ? "quick" : "full") + ".md"), header() + "\n" + table,
                StandardCharsets.UTF_8);
        System.out.println("Results: " + json);
    }

    private String header() {
        return String.format(Locale.ROOT, "Machine: %s, %d cores; JDK %s (%s); %s; mode %s%n", cpu(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE),
                quick ? "--quick" : "full");
    }

    private String table() {
        StringBuilder t = new StringBuilder();
        t.append("| id | benchmark | ours | baseline | unit | ratio | goal | met |\n");
        t.append("|---|---|---:|---:|---|---:|---|---|\n");
        for (Row r : rows) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.id(), r.what(),
                    fmt(r.ours()), fmt(r.baseline()), r.unit(), fmt(r.ratio()), r.goal(),
                    r.goal().isEmpty() || r.goal().startsWith("(info") ? "" : Double.isNaN(r.ours()) ? "-"
                            : r.met() ? "yes" : "NO"));
        }
        return t.toString();
    }

    private static String fmt(double d) {
        if (Double.isNaN(d)) {
            return "-";
        }
        return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3f", d);
    }

    private String json(String stamp) {
        StringBuilder j = new StringBuilder("{\n");
        j.append("  \"date\": \"").append(stamp).append("\",\n");
        j.append("  \"mode\": \"").append(quick ? "quick" : "full").append("\",\n");
        j.append("  \"jdk\": \"").append(System.getProperty("java.version")).append(' ')
                .append(System.getProperty("java.vm.name")).append("\",\n");
        j.append("  \"cpu\": \"").append(cpu().replace("\"", "'")).append("\",\n");
        j.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        j.append("  \"rows\": [\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            j.append(String.format(Locale.ROOT, "    {\"id\": \"%s\", \"benchmark\": \"%s\", \"ours\": %s,"
                    + " \"baseline\": %s, \"unit\": \"%s\", \"ratio\": %s, \"goal\": \"%s\", \"met\": %s}%s%n",
                    r.id(), r.what().replace("\"", "'"), jnum(r.ours()), jnum(r.baseline()), r.unit(),
                    jnum(r.ratio()), r.goal(), r.met(), i + 1 < rows.size() ? "," : ""));
        }
        j.append("  ],\n  \"raw\": \"").append(raw.toString().replace("\"", "'")).append("\"\n}\n");
        return j.toString();
    }

    private static String jnum(double d) {
        return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.6g", d);
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}
