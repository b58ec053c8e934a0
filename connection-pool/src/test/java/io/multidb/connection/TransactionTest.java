package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.RequiresEngine;
import io.multidb.testkit.TestDatabase;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

@ExtendWith(ClosePools.class)
class TransactionTest {

    private static void configureTwo(TestDatabase db) {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("first", db.freshConfig());
        configs.put("second", db.freshConfig());
        ConnectionPool.configure(configs);
        for (String label : List.of("first", "second")) {
            try (Session s = DatabaseManager.getSession(label)) {
                s.execute("create table items (id int primary key, name varchar(40))");
                s.commit();
            }
        }
    }

    private static long count(String label) {
        try (Session s = DatabaseManager.getSession(label)) {
            return s.query(Long.class, "select count(*) from items").get(0);
        }
    }

    @AllEngines
    void inTransactionCommitsWhenTheWorkReturns(TestDatabase db) {
        configureTwo(db);
        int changed = DatabaseManager.inTransaction("first",
                s -> s.execute("insert into items (id, name) values (?, ?)", 1, "a"));
        assertThat(changed).isEqualTo(1);
        assertThat(count("first")).isEqualTo(1);
    }

    @AllEngines
    void inTransactionRollsBackAndRethrowsTheWorksCheckedException(TestDatabase db) {
        configureTwo(db);
        assertThatThrownBy(() -> DatabaseManager.inTransaction("first", s -> {
            s.execute("insert into items (id, name) values (?, ?)", 1, "a");
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(count("first")).isZero();
    }

    @Test
    void aFailedRollbackIsSuppressedAndNeverHidesTheOriginalFailure() {
        ConnectionPool.configure(Map.of("one", Configs.h2(unique())));
        IllegalStateException original = new IllegalStateException("business rule broken");
        assertThatThrownBy(() -> DatabaseManager.inTransaction("one", s -> {
            s.query("select 1");
            s.connection().close(); // the rollback that follows must fail
            throw original;
        })).isSameAs(original)
                .satisfies(t -> assertThat(t.getSuppressed()).isNotEmpty()
                        .allSatisfy(sup -> assertThat(sup).isInstanceOf(SqlExecutionException.class)));
    }

    @AllEngines
    void sessionsInsideAUnitOfWorkCannotCommitOrRollBack(TestDatabase db) {
        configureTwo(db);
        DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("first", "second"), u -> {
            Session s = u.session("first");
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not allowed inside a unit of work");
            assertThatThrownBy(s::rollback).isInstanceOf(IllegalStateException.class);
            assertThat(u.session("first")).isSameAs(s);
            assertThat(u.labels()).containsExactly("first", "second");
            assertThat(u.mode()).isEqualTo(TransactionMode.BEST_EFFORT);
            assertThatThrownBy(() -> u.session("third")).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
        DatabaseManager.inTransaction("first", s -> {
            assertThatThrownBy(s::commit).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @AllEngines
    void autoOverSeveralNonXaLabelsRefusesBeforeTouchingAnyDatabase(TestDatabase db) {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("orders", db.freshConfig());
        configs.put("audit", db.freshConfig());
        ConnectionPool.configure(configs);
        boolean[] ran = {false};
        assertThatThrownBy(() -> DatabaseManager.inTransaction(List.of("orders", "audit"), u -> {
            ran[0] = true;
            return null;
        })).isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("xa"))
                .hasMessageContaining("[orders, audit]")
                .hasMessageContaining("JtaSupport.enable")
                .hasMessageContaining("TransactionMode.BEST_EFFORT");
        assertThat(ran[0]).isFalse();
        assertThat(ConnectionPool.stats("orders").total()).isZero();
        assertThat(ConnectionPool.stats("audit").total()).isZero();
    }

    @AllEngines
    void xaModeRequiresXaLabelsEvenForOneLabel(TestDatabase db) {
        configureTwo(db);
        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.XA, List.of("first"), u -> null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("TransactionMode.XA needs every label configured with xa: true")
                .hasMessageContaining("[first]");
    }

    @AllEngines
    void autoOverOneLabelIsALocalTransaction(TestDatabase db) {
        configureTwo(db);
        DatabaseManager.inTransaction(List.of("first"), u -> {
            assertThat(u.mode()).isEqualTo(TransactionMode.AUTO);
            return u.session("first").execute("insert into items (id, name) values (1, 'x')");
        });
        assertThat(count("first")).isEqualTo(1);
    }

    @AllEngines
    void bestEffortCommitsEveryLabelOrRollsBackEveryLabelWhenTheWorkThrows(TestDatabase db) {
        configureTwo(db);
        DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("first", "second"), u -> {
            u.session("first").execute("insert into items (id, name) values (1, 'a')");
            u.session("second").execute("insert into items (id, name) values (1, 'b')");
            return null;
        });
        assertThat(count("first")).isEqualTo(1);
        assertThat(count("second")).isEqualTo(1);

        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("first", "second"),
                u -> {
                    u.session("first").execute("insert into items (id, name) values (2, 'a')");
                    u.session("second").execute("insert into items (id, name) values (1, 'duplicate')");
                    return null;
                })).isInstanceOf(SqlExecutionException.class);
        assertThat(count("first")).isEqualTo(1);
        assertThat(count("second")).isEqualTo(1);
    }

    @Test
    void duplicateOrEmptyLabelsAreRefused() {
        ConnectionPool.configure(Map.of("a", Configs.h2(unique())));
        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("a", "a"), u -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("given twice");
        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of(), u -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT, List.of("a", "nope"),
                u -> null)).isInstanceOf(UnknownLabelException.class);
    }

    /**
     * A deferred unique constraint makes PostgreSQL fail at commit, so the second of three labels
     * fails after the first has committed.
     */
    @Test
    @RequiresEngine(Engine.POSTGRESQL)
    void bestEffortReportsExactlyWhichLabelsCommittedWhenALaterCommitFails(TestDatabase postgres) {
        String h2a = unique();
        String h2c = unique();
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("orders", Configs.h2(h2a));
        configs.put("ledger", postgres.freshConfig());
        configs.put("audit", Configs.h2(h2c));
        ConnectionPool.configure(configs);
        try (Session s = DatabaseManager.getSession("ledger")) {
            s.execute("create table items (id int, name varchar(40),"
                    + " constraint items_pk primary key (id) deferrable initially deferred)");
            s.commit();
        }
        for (String label : List.of("orders", "audit")) {
            try (Session s = DatabaseManager.getSession(label)) {
                s.execute("create table items (id int primary key, name varchar(40))");
                s.commit();
            }
        }

        assertThatThrownBy(() -> DatabaseManager.inTransaction(TransactionMode.BEST_EFFORT,
                List.of("orders", "ledger", "audit"), u -> {
                    u.session("orders").execute("insert into items values (1, 'order')");
                    u.session("ledger").execute("insert into items values (1, 'entry')");
                    u.session("ledger").execute("insert into items values (1, 'same key: fails at commit')");
                    u.session("audit").execute("insert into items values (1, 'audit')");
                    return null;
                })).isInstanceOfSatisfying(PartialCommitException.class, e -> {
                    assertThat(e.committedLabels()).containsExactly("orders");
                    assertThat(e.failedLabel()).isEqualTo("ledger");
                    assertThat(e.rolledBackLabels()).containsExactly("audit");
                    assertThat(e.getCause()).isInstanceOfSatisfying(SqlExecutionException.class,
                            c -> assertThat(c.sqlState()).isEqualTo("23505"));
                }).hasMessageContaining("committed [orders]").hasMessageContaining("'ledger'");

        assertThat(count("orders")).isEqualTo(1);
        assertThat(count("ledger")).isZero();
        assertThat(count("audit")).isZero();
    }
}
