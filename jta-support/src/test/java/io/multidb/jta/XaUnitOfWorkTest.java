package io.multidb.jta;

import static io.multidb.jta.XaFixtures.createAccounts;
import static io.multidb.jta.XaFixtures.ids;
import static io.multidb.jta.XaFixtures.xa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.jta.TransactionManager;
import io.multidb.testkit.ClosePools;
import io.multidb.connection.ConfigurationException;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.connection.TransactionMode;
import io.multidb.testkit.ProvokesWarnings;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import jakarta.transaction.Status;
import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClosePools.class)
class XaUnitOfWorkTest {

    @BeforeAll
    static void enableJta() {
        TestJta.enable();
    }

    private static void configure(Map<String, Object> pg, Map<String, Object> maria) {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("pg", pg);
        configs.put("maria", maria);
        ConnectionPool.configure(configs);
        createAccounts("pg", "maria");
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void autoOverXaLabelsCommitsOnBothDatabasesInOneJtaTransaction(TestDatabase pg, TestDatabase maria)
            throws Exception {
        configure(xa(pg), xa(maria));

        Object tx = DatabaseManager.inTransaction(List.of("pg", "maria"), u -> {
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 100);
            u.session("maria").execute("insert into accounts (id, balance) values (?, ?)", 1, 100);
            return TransactionManager.transactionManager().getTransaction();
        });

        assertThat(tx).as("the work ran inside a Narayana transaction").isNotNull();
        assertThat(ids("pg")).containsExactly(1);
        assertThat(ids("maria")).containsExactly(1);
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void anExceptionFromTheWorkRollsBackBothAndIsRethrown(TestDatabase pg, TestDatabase maria) {
        configure(xa(pg), xa(maria));

        assertThatThrownBy(() -> DatabaseManager.inTransaction(List.of("pg", "maria"), u -> {
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 100);
            u.session("maria").execute("insert into accounts (id, balance) values (?, ?)", 1, 100);
            throw new IOException("payment provider down");
        })).isInstanceOf(IOException.class).hasMessage("payment provider down");

        assertThat(ids("pg")).isEmpty();
        assertThat(ids("maria")).isEmpty();
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void aFailingStatementRollsBackTheOtherDatabase(TestDatabase pg, TestDatabase maria) {
        configure(xa(pg), xa(maria));

        assertThatThrownBy(() -> DatabaseManager.inTransaction(List.of("pg", "maria"), u -> {
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 100);
            return u.session("maria").execute("insert into no_such_table (id) values (?)", 1);
        })).isInstanceOf(SqlExecutionException.class).hasMessageContaining("maria");

        assertThat(ids("pg")).isEmpty();
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void sessionsOnXaLabelsOutsideAUnitOfWorkCommitAndRollBackLocally(TestDatabase pg, TestDatabase maria) {
        configure(xa(pg), xa(maria));

        for (String label : List.of("pg", "maria")) {
            try (Session s = DatabaseManager.getSession(label)) {
                s.execute("insert into accounts (id, balance) values (?, ?)", 1, 10);
                s.rollback();
                s.execute("insert into accounts (id, balance) values (?, ?)", 2, 20);
                s.commit();
                s.execute("insert into accounts (id, balance) values (?, ?)", 3, 30);
            } // close rolls back id 3
            assertThat(ids(label)).as(label).containsExactly(2);
            int deleted = DatabaseManager.inTransaction(label, s -> s.execute("delete from accounts"));
            assertThat(deleted).isEqualTo(1);
            assertThat(ids(label)).as(label).isEmpty();
        }
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void eachLabelIsEnlistedOnceAndItsConnectionReturnedAfterCompletion(TestDatabase pg, TestDatabase maria) {
        configure(xa(pg), xa(maria));

        DatabaseManager.inTransaction(List.of("pg", "maria"), u -> {
            Connection first = u.session("pg").connection();
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 1);
            assertThat(u.session("pg").connection()).isSameAs(first);
            assertThat(u.session("pg").query(Long.class, "select count(*) from accounts")).containsExactly(1L);
            assertThat(ConnectionPool.stats("pg").active()).isEqualTo(1);
            return null;
        });

        assertThat(ConnectionPool.stats("pg").active()).isZero();
        assertThat(ConnectionPool.stats("maria").active()).isZero();
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void twoPostgresqlDatabasesCommitTogether(TestDatabase pg) throws Exception {
        try (XaFixtures.SecondDatabase second = XaFixtures.secondPostgres(pg)) {
            Map<String, Object> configs = new LinkedHashMap<>();
            configs.put("one", xa(pg));
            configs.put("two", second.config());
            ConnectionPool.configure(configs);
            createAccounts("one", "two");

            DatabaseManager.inTransaction(List.of("one", "two"), u -> {
                u.session("one").execute("insert into accounts (id, balance) values (?, ?)", 7, 1);
                u.session("two").execute("insert into accounts (id, balance) values (?, ?)", 7, 1);
                return null;
            });

            assertThat(ids("one")).containsExactly(7);
            assertThat(ids("two")).containsExactly(7);
            ConnectionPool.closeAllConnections();
        }
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    void xaModeRefusesALabelWithoutXaBeforeTouchingAnyDatabase(TestDatabase pg, TestDatabase maria) {
        configure(xa(pg), maria.freshConfig());

        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.XA, List.of("pg", "maria"), u -> {
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 1);
            return null;
        })).isInstanceOf(ConfigurationException.class).hasMessageContaining("[maria]");
        assertThat(ids("pg")).isEmpty();
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    @ProvokesWarnings("com.arjuna") // Narayana's reaper reports the cancelled transaction and the busy thread
    void aUnitOfWorkOverItsTimeoutRollsBackEverywhere(TestDatabase pg, TestDatabase maria) {
        configure(xa(pg), xa(maria));

        assertThatThrownBy(() -> JtaSupport.inTransaction(Duration.ofSeconds(1), List.of("pg", "maria"), u -> {
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 1);
            u.session("maria").execute("insert into accounts (id, balance) values (?, ?)", 1, 1);
            Thread.sleep(1600);
            awaitTheReaper();
            return null;
        })).isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("[pg, maria]")
                .hasMessageContaining("longer than its transaction timeout of 1 s");

        assertThat(ids("pg")).isEmpty();
        assertThat(ids("maria")).isEmpty();
        // the thread is clean: the next unit of work runs normally with the default timeout
        DatabaseManager.inTransaction(List.of("pg", "maria"), u ->
                u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 2, 2));
        assertThat(ids("pg")).containsExactly(2);
    }

    /**
     * Waits (bounded) until Narayana's reaper has rolled back, or marked for rollback, the current
     * transaction that has outlived its timeout. The reaper does so on its own thread, which a loaded
     * machine may run well after the timeout; a commit that came first would succeed.
     */
    private static void awaitTheReaper() throws Exception {
        jakarta.transaction.TransactionManager tm = TransactionManager.transactionManager();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status = tm.getStatus();
        while ((status == Status.STATUS_ACTIVE || status == Status.STATUS_ROLLING_BACK)
                && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
            status = tm.getStatus();
        }
    }

    @Test
    void aTimeoutThatIsNotWholeSecondsIsRefused() {
        assertThatThrownBy(() -> JtaSupport.inTransaction(Duration.ofMillis(1500), List.of("x"), u -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of seconds");
    }
}
