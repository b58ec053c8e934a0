package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.multidb.testkit.StubDriver;
import io.multidb.connection.ConnectionPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * B5: what {@code configure} costs as labels grow. {@code configure} with {@code labels} lazy
 * labels then {@code closeAllConnections()}, against creating (and closing) the same number of
 * HikariCP pools up front. Lazy labels open nothing, so configure is validation only; the
 * footprint (threads, connections, heap per unused label) is measured by {@link B5Footprint}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B5ConfigureManyLabels {

    @Param({"1", "200"})
    public int labels;

    private Map<String, Object> configs;

    @Setup(Level.Trial)
    public void setUp() {
        configs = new LinkedHashMap<>();
        for (int i = 0; i < labels; i++) {
            configs.put("tenant_" + i, StubPool.config("tenant_" + i, 2));
        }
    }

    @Benchmark
    public boolean multidbConfigureLazy() {
        ConnectionPool.configure(configs);
        boolean configured = ConnectionPool.isConfigured();
        ConnectionPool.closeAllConnections();
        return configured;
    }

    @Benchmark
    public int hikariPoolsUpFront() {
        List<HikariDataSource> pools = new ArrayList<>(labels);
        for (int i = 0; i < labels; i++) {
            HikariConfig h = new HikariConfig();
            h.setPoolName("b5-" + i);
            h.setJdbcUrl(StubDriver.PREFIX + "b5-" + i);
            h.setDriverClassName(StubDriver.class.getName());
            h.setMinimumIdle(2);
            h.setMaximumPoolSize(2);
            pools.add(new HikariDataSource(h));
        }
        int n = pools.size();
        pools.forEach(HikariDataSource::close);
        return n;
    }
}
