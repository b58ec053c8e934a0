package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The transaction timeout of a unit of work is an XA timeout: refused, before any database is
 * touched, where nothing would enforce it, and when it is not whole seconds. (Its effect on XA
 * units of work is tested in multidb-jta-support.)
 */
@ExtendWith(ClosePools.class)
class UnitOfWorkTimeoutTest {

    private static MultiDb twoLabels() {
        return MultiDb.create(Map.of(
                "a", Configs.h2(unique()),
                "b", Configs.h2(unique())));
    }

    @Test
    void aTimeoutOnBestEffortIsRefusedBeforeAnyDatabaseIsTouched() {
        try (MultiDb db = twoLabels()) {
            assertThatThrownBy(() -> db.inTransaction(TransactionMode.BEST_EFFORT, Duration.ofSeconds(5),
                    List.of("a", "b"), u -> u.session("a").execute("select 1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("applies to XA units of work only")
                    .hasMessageContaining("[a, b]")
                    .hasMessageContaining("TransactionMode.BEST_EFFORT");
            assertThat(db.stats("a").total()).as("connections opened on a").isZero();
        }
    }

    @Test
    void aTimeoutOnOneLabelUnderAutoIsRefused() {
        try (MultiDb db = twoLabels()) {
            assertThatThrownBy(() -> db.inTransaction(TransactionMode.AUTO, Duration.ofSeconds(5), List.of("a"),
                    u -> u.session("a").execute("select 1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one label under TransactionMode.AUTO is a local transaction");
            assertThat(db.stats("a").total()).isZero();
        }
    }

    @Test
    void aTimeoutThatIsNotWholeSecondsIsRefusedByTheFacadeToo() {
        ConnectionPool.configure(Map.of("a", Configs.h2(unique())));
        for (Duration bad : List.of(Duration.ofMillis(1500), Duration.ZERO, Duration.ofSeconds(-1))) {
            assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.XA, bad, List.of("a"), u -> null))
                    .as(bad.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("whole number of seconds, at least 1, but is " + bad);
        }
    }

    @Test
    void withoutATimeoutTheUnitOfWorkRunsAsBefore() {
        try (MultiDb db = twoLabels()) {
            int written = db.inTransaction(TransactionMode.BEST_EFFORT, null, List.of("a", "b"),
                    u -> u.session("a").execute("create table t (id int)")
                            + u.session("b").execute("create table t (id int)"));
            assertThat(written).isZero();
            List<Long> rows = db.read("b", s -> s.query(Long.class, "select count(*) from t"));
            assertThat(rows).containsExactly(0L);
        }
    }
}
