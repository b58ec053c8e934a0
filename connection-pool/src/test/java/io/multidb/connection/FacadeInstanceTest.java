package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.ClosePools;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ConnectionPool#instance()}: the facade's {@link MultiDb}, for code written against instances. */
@ExtendWith(ClosePools.class)
class FacadeInstanceTest {

    @Test
    void beforeConfigureThereIsNoInstance() {
        assertThatThrownBy(ConnectionPool::instance)
                .isInstanceOf(NotConfiguredException.class)
                .hasMessageStartingWith("ConnectionPool.configure(...) has not been called")
                .hasMessageContaining("ConnectionPool.instance()");
    }

    @Test
    void theInstanceIsTheOneTheStaticMethodsUse() {
        ConnectionPool.configure(Map.of("main", Configs.h2(unique())));
        MultiDb db = ConnectionPool.instance();

        db.inTransaction("main", s -> s.execute("create table items (id int)"));
        DatabaseManager.inTransaction("main", s -> s.execute("insert into items (id) values (1)"));

        assertThat(db.labels()).isEqualTo(ConnectionPool.labels());
        List<Integer> ids = db.read("main", s -> s.query(Integer.class, "select id from items"));
        assertThat(ids).containsExactly(1);
        assertThat(ConnectionPool.instance()).isSameAs(db);
    }

    @Test
    void theFacadesInstanceIsClosedByTheFacadeOnly() {
        ConnectionPool.configure(Map.of("main", Configs.h2(unique())));
        MultiDb db = ConnectionPool.instance();

        assertThatThrownBy(db::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ConnectionPool.closeAllConnections()");
        assertThat(db.isClosed()).isFalse();
        List<Integer> one = DatabaseManager.read("main", s -> s.query(Integer.class, "select 1"));
        assertThat(one).containsExactly(1);

        ConnectionPool.closeAllConnections();
        assertThat(db.isClosed()).isTrue();
        assertThatThrownBy(ConnectionPool::instance).isInstanceOf(NotConfiguredException.class);
    }
}
