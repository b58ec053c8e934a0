package io.multidb.jta;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.MultiDb;
import io.multidb.connection.TransactionMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * XA labels added and removed at runtime ({@link MultiDb#addLabel}, {@link MultiDb#removeLabel}):
 * each is registered with the XA provider on its own, takes part in XA units of work, and its
 * registration ends with it.
 */
class XaLabelChangesTest {

    @BeforeAll
    static void enableJta() {
        TestJta.enable();
    }

    private static Map<String, Object> h2Xa() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("url", "jdbc:h2:mem:" + unique("x") + ";DB_CLOSE_DELAY=-1");
        config.put("user", "sa");
        config.put("xa", true);
        config.put("pool_size", 2);
        return config;
    }

    private static long count(MultiDb db, String label) {
        List<Long> rows = db.read(label, s -> s.query(Long.class, "select count(*) from items"));
        return rows.get(0);
    }

    @Test
    void anAddedXaLabelTakesPartInAnXaUnitOfWork() {
        String a = unique("a");
        String b = unique("b");
        try (MultiDb db = MultiDb.create(Map.of(a, h2Xa()))) {
            db.addLabel(b, h2Xa());
            for (String label : List.of(a, b)) {
                db.inTransaction(label, s -> s.execute("create table items (id int primary key)"));
            }

            db.inTransaction(TransactionMode.XA, List.of(a, b), u -> u.session(a).execute("insert into items values (1)")
                    + u.session(b).execute("insert into items values (1)"));
            assertThatThrownBy(() -> db.inTransaction(TransactionMode.XA, List.of(a, b), u -> {
                u.session(a).execute("insert into items values (2)");
                u.session(b).execute("insert into items values (2)");
                throw new IllegalStateException("changed my mind");
            })).hasMessage("changed my mind");

            assertThat(count(db, a)).isEqualTo(1);
            assertThat(count(db, b)).isEqualTo(1);
        }
    }

    @Test
    void removingAnXaLabelEndsItsRegistrationWithTheProvider() {
        String shared = unique("shared");
        String main = unique("main");
        try (MultiDb first = MultiDb.create(Map.of(main, h2Xa()))) {
            first.addLabel(shared, h2Xa());
            assertThatThrownBy(() -> MultiDb.create(Map.of(shared, h2Xa())))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("another open instance has XA label '" + shared + "'");

            first.removeLabel(shared);

            // the label is free again: another instance may now use it on another database
            try (MultiDb second = MultiDb.create(Map.of(shared, h2Xa()))) {
                assertThat(second.labels()).containsExactly(shared);
            }
            assertThat(first.labels()).containsExactly(main);
        }
    }

    @Test
    void aRefusedXaLabelLeavesNothingBehind() {
        String shared = unique("shared");
        String main = unique("main");
        try (MultiDb holder = MultiDb.create(Map.of(shared, h2Xa()));
                MultiDb other = MultiDb.create(Map.of(main, h2Xa()))) {
            assertThatThrownBy(() -> other.addLabel(shared, h2Xa()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("Database '" + shared + "': another open instance");

            assertThat(other.labels()).containsExactly(main);
            holder.removeLabel(shared);
            other.addLabel(shared, h2Xa()); // nothing of the refused attempt is left to conflict with
            assertThat(other.labels()).containsExactlyInAnyOrder(main, shared);
        }
    }
}
