package io.multidb.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * B1: what a Multidb session costs over the pool it sits on. Both arms use the same HikariCP pool
 * over the stub driver (every JDBC call returns at once), so the difference is the library.
 *
 * <ul>
 *   <li>{@code rawHikariGetClose} — baseline: {@code HikariDataSource.getConnection().close()};</li>
 *   <li>{@code sessionOpenClose} — {@code getSession} + {@code close}, the pinned B1 arm (no
 *       statement: the session borrows nothing);</li>
 *   <li>{@code sessionBorrowClose} — a session that does borrow its connection, the strict
 *       comparison with the baseline;</li>
 *   <li>{@code jdbiOpenClose} — {@code jdbi.open().close()} on the same pool, for reference;</li>
 *   <li>{@code rawJdbcQuery} vs {@code sessionQuery} — one {@code select} through each.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class B1SessionOverhead {
    private static final String LABEL = "b1";

    /** The fair queue in front of the pool (on by default); measured both ways to decide that default. */
    @Param({"true", "false"})
    public boolean fairQueue;

    private HikariDataSource hikari;
    private Jdbi jdbi;

    @Setup(Level.Trial)
    public void setUp() {
        hikari = StubPool.configure(LABEL, 10, "fair_queue", fairQueue);
        jdbi = Jdbi.create(hikari);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ConnectionPool.closeAllConnections();
    }

    @Benchmark
    public void rawHikariGetClose(Blackhole bh) throws SQLException {
        try (Connection c = hikari.getConnection()) {
            bh.consume(c);
        }
    }

    @Benchmark
    public void sessionOpenClose(Blackhole bh) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            bh.consume(s);
        }
    }

    @Benchmark
    public void sessionBorrowClose(Blackhole bh) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            bh.consume(s.connection());
        }
    }

    @Benchmark
    public void jdbiOpenClose(Blackhole bh) {
        try (Handle h = jdbi.open()) {
            bh.consume(h);
        }
    }

    @Benchmark
    public void rawJdbcQuery(Blackhole bh) throws SQLException {
        try (Connection c = hikari.getConnection();
                PreparedStatement ps = c.prepareStatement("select 1");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getObject(1));
            }
        }
    }

    @Benchmark
    public void sessionQuery(Blackhole bh) {
        try (Session s = DatabaseManager.getSession(LABEL)) {
            bh.consume(s.query("select 1"));
        }
    }
}
