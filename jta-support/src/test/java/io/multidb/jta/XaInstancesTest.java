package io.multidb.jta;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionImple;
import io.multidb.connection.ConfigurationException;
import io.multidb.connection.MultiDb;
import io.multidb.connection.TransactionMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XA over {@link MultiDb} instances: the provider learns each instance's XA labels from the
 * connection pool (never from the static facade), and the unit of work's timeout reaches the
 * transaction manager as an argument.
 */
class XaInstancesTest {

    @BeforeAll
    static void enableJta() {
        TestJta.enable();
    }

    private static Map<String, Object> h2Xa() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "jdbc:h2:mem:" + unique("x"));
        config.put("user", "sa");
        config.put("xa", true);
        config.put("pool_size", 2);
        return config;
    }

    private static MultiDb twoXaLabels(String a, String b) {
        MultiDb db = MultiDb.create(Map.of(a, h2Xa(), b, h2Xa()));
        for (String label : List.of(a, b)) {
            db.inTransaction(label, s -> s.execute("create table items (id int primary key)"));
        }
        return db;
    }

    private static long count(MultiDb db, String label) {
        return db.read(label, s -> s.query(Long.class, "select count(*) from items")).get(0);
    }

    @Test
    void twoInstancesRunXaUnitsOfWorkEachOnItsOwnLabels() {
        String a1 = unique("a");
        String b1 = unique("b");
        String a2 = unique("a");
        String b2 = unique("b");
        try (MultiDb first = twoXaLabels(a1, b1); MultiDb second = twoXaLabels(a2, b2)) {
            first.inTransaction(List.of(a1, b1), u -> u.session(a1).execute("insert into items values (1)")
                    + u.session(b1).execute("insert into items values (1)"));
            assertThatThrownBy(() -> second.inTransaction(List.of(a2, b2), u -> {
                u.session(a2).execute("insert into items values (1)");
                u.session(b2).execute("insert into items values (1)");
                throw new IllegalStateException("changed my mind");
            })).hasMessage("changed my mind");

            assertThat(count(first, a1)).isEqualTo(1);
            assertThat(count(first, b1)).isEqualTo(1);
            assertThat(count(second, a2)).isZero();
            assertThat(count(second, b2)).isZero();
        }
    }

    @Test
    void anXaLabelOnAnotherDatabaseThanAnOpenInstancesIsRefused() {
        String shared = unique("shared");
        try (MultiDb open = MultiDb.create(Map.of(shared, h2Xa()))) {
            assertThatThrownBy(() -> MultiDb.create(Map.of(shared, h2Xa())))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Database '" + shared + "': another open instance has XA label '" + shared
                            + "'")
                    .hasMessageContaining("Give this one another label");
            assertThat(open.labels()).containsExactly(shared);
        }
        // once the first instance is closed the label is free again
        MultiDb.create(Map.of(shared, h2Xa())).close();
    }

    @Test
    void twoInstancesShareAnXaLabelOnOneDatabaseAndClosingOneLeavesTheOtherWorking() {
        String a = unique("a");
        String b = unique("b");
        Map<String, Object> aConfig = new LinkedHashMap<>(h2Xa());
        aConfig.put("url", aConfig.get("url") + ";DB_CLOSE_DELAY=-1");
        Map<String, Object> bConfig = new LinkedHashMap<>(h2Xa());
        bConfig.put("url", bConfig.get("url") + ";DB_CLOSE_DELAY=-1");
        try (MultiDb first = MultiDb.create(Map.of(a, aConfig, b, bConfig))) {
            first.inTransaction(a, s -> s.execute("create table items (id int primary key)"));
            first.inTransaction(b, s -> s.execute("create table items (id int primary key)"));
            MultiDb second = MultiDb.create(Map.of(a, aConfig, b, bConfig));
            second.inTransaction(List.of(a, b), u -> {
                u.session(a).execute("insert into items values (1)");
                return u.session(b).execute("insert into items values (1)");
            });
            second.close();
            second.close();   // a second close takes nothing more away
            first.inTransaction(List.of(a, b), u -> {
                u.session(a).execute("insert into items values (2)");
                return u.session(b).execute("insert into items values (2)");
            });
            assertThat(count(first, a)).isEqualTo(2);
            assertThat(count(first, b)).isEqualTo(2);
            assertThatThrownBy(JtaSupport::shutdown).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("are still configured");
        }
    }

    @Test
    void shutdownIsRefusedWhileAnInstanceHasXaLabels() {
        String label = unique("held");
        try (MultiDb open = MultiDb.create(Map.of(label, h2Xa()))) {
            assertThatThrownBy(JtaSupport::shutdown)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("XA labels [" + label + "] are still configured")
                    .hasMessageContaining("MultiDb instance");
            assertThat(JtaSupport.isEnabled()).isTrue();
            assertThat(open.labels()).containsExactly(label);
        }
    }

    @Test
    void theUnitOfWorksTimeoutReachesTheTransactionManager() throws Exception {
        String a = unique("a");
        String b = unique("b");
        try (MultiDb db = twoXaLabels(a, b)) {
            int fromOption = db.inTransaction(TransactionMode.XA, Duration.ofSeconds(7), List.of(a, b),
                    u -> currentTimeout());
            int fromJtaSupport = JtaSupport.inTransaction(db, Duration.ofSeconds(9), List.of(a, b),
                    u -> currentTimeout());
            int byDefault = db.inTransaction(TransactionMode.XA, List.of(a, b), u -> currentTimeout());

            assertThat(fromOption).isEqualTo(7);
            assertThat(fromJtaSupport).isEqualTo(9);
            assertThat(byDefault).isEqualTo(TestJta.settings().defaultTransactionTimeout().toSeconds());
        }
    }

    private static int currentTimeout() throws Exception {
        return ((TransactionImple) com.arjuna.ats.jta.TransactionManager.transactionManager().getTransaction())
                .getTimeout();
    }
}
