package io.multidb.jta;

import static io.multidb.jta.XaFixtures.createAccounts;
import static io.multidb.jta.XaFixtures.ids;
import static io.multidb.jta.XaFixtures.xa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.jta.TransactionManager;
import io.multidb.testkit.ClosePools;
import io.multidb.testkit.FakeXAResource;
import io.multidb.connection.ConfigurationException;
import io.multidb.connection.ConnectionFailedException;
import io.multidb.connection.ConnectionPool;
import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Engine;
import io.multidb.connection.PoolExhaustedException;
import io.multidb.connection.Session;
import io.multidb.testkit.ProvokesWarnings;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ClosePools.class)
class XaFailureTest {

    @BeforeAll
    static void enableJta() {
        TestJta.enable();
    }

    private static void configure(TestDatabase pg, TestDatabase maria) {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("pg", xa(pg));
        configs.put("maria", xa(maria));
        ConnectionPool.configure(configs);
        createAccounts("pg", "maria");
    }

    private static void insertBothWith(XAResource extra) throws Exception {
        DatabaseManager.inTransaction(List.of("pg", "maria"), u -> {
            u.session("pg").execute("insert into accounts (id, balance) values (?, ?)", 1, 1);
            u.session("maria").execute("insert into accounts (id, balance) values (?, ?)", 1, 1);
            TransactionManager.transactionManager().getTransaction().enlistResource(extra);
            return null;
        });
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    @ProvokesWarnings("com.arjuna") // Narayana reports the refused prepare and the abort
    void aBranchThatRefusesToPrepareRollsBackEveryDatabase(TestDatabase pg, TestDatabase maria) {
        configure(pg, maria);

        assertThatThrownBy(() -> insertBothWith(new Scripted(XAException.XA_RBROLLBACK, 0)))
                .isInstanceOfSatisfying(TransactionRolledBackException.class,
                        e -> assertThat(e.labels()).containsExactly("pg", "maria"))
                .hasMessageContaining("XA unit of work over [pg, maria] rolled back instead of committing")
                .hasMessageContaining("refused to prepare");

        assertThat(ids("pg")).isEmpty();
        assertThat(ids("maria")).isEmpty();
    }

    @Test
    @RequiresEngine({Engine.POSTGRESQL, Engine.MARIADB})
    @ProvokesWarnings("com.arjuna") // Narayana reports the failed commit with its stack trace
    void aHeuristicRollbackAfterTheOthersCommittedIsReportedAsMixedNamingTheLabels(TestDatabase pg,
            TestDatabase maria) {
        configure(pg, maria);

        assertThatThrownBy(() -> insertBothWith(new Scripted(0, XAException.XA_HEURRB)))
                .isInstanceOfSatisfying(HeuristicOutcomeException.class, e -> {
                    assertThat(e.labels()).containsExactly("pg", "maria");
                    assertThat(e.outcome()).isEqualTo(HeuristicOutcomeException.Outcome.MIXED);
                })
                .hasMessageContaining("heuristic outcome (MIXED)")
                .hasMessageContaining("may now disagree");

        assertThat(ids("pg")).containsExactly(1);
        assertThat(ids("maria")).containsExactly(1);
        assertThat(ConnectionPool.stats("pg").active()).isZero();
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void readOnlyAndXaTogetherAreRefusedAtConfigure(TestDatabase pg) {
        Map<String, Object> config = xa(pg);
        config.put("read_only", true);

        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("pg", config)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("pg");
                    assertThat(e.key()).isEqualTo("read_only");
                });
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void aDriverPropertyTheXaDataSourceRefusesIsAConfigurationError(TestDatabase pg) {
        Map<String, Object> config = xa(pg);
        config.put("properties", Map.of("noSuchPgProperty", "1"));

        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("pg", config)))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("properties"))
                .hasMessageContaining("Database 'pg'")
                .hasMessageContaining("noSuchPgProperty");
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void anUnreachableXaDatabaseFailsOnFirstUseWithTheLabelAndUrl(TestDatabase pg) {
        Map<String, Object> config = xa(pg);
        config.put("url", "jdbc:postgresql://127.0.0.1:1/test");
        ConnectionPool.configure(Map.of("pg", config));

        assertThatThrownBy(() -> DatabaseManager.inTransaction("pg", s -> s.query("select 1")))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("Cannot connect to database 'pg' at jdbc:postgresql://127.0.0.1:1/test");
    }

    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void aFullXaPoolReportsExhaustionWithItsCounts(TestDatabase pg) {
        Map<String, Object> config = xa(pg);
        config.put("pool_size", 1);
        // the holder's connection is opened while it waits: seconds of room for that login on a loaded
        // machine, which the second borrower then waits out in full
        config.put("pool_timeout", 5);
        ConnectionPool.configure(Map.of("pg", config));

        try (Session holder = DatabaseManager.getSession("pg")) {
            holder.query("select 1");
            assertThatThrownBy(() -> DatabaseManager.inTransaction("pg", s -> s.query("select 1")))
                    .isInstanceOfSatisfying(PoolExhaustedException.class,
                            e -> assertThat(e.getMessage()).contains("'pg'").contains("max"));
        }
    }

    /** Votes and commits as scripted: an XA error code for prepare and for commit, or 0 for success. */
    private static final class Scripted implements FakeXAResource {
        private final int prepareError;
        private final int commitError;

        Scripted(int prepareError, int commitError) {
            this.prepareError = prepareError;
            this.commitError = commitError;
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            if (prepareError != 0) {
                throw new XAException(prepareError);
            }
            return XA_OK;
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            if (commitError != 0) {
                throw new XAException(commitError);
            }
        }
    }
}
