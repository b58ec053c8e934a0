package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/** schema, read_only, isolation and init_sql reach every connection of a label, on each engine. */
@ExtendWith(ClosePools.class)
class LabelSettingsTest {

    /** Creates a second namespace beside the fresh one and points the label's default schema at it. */
    @AllEngines
    void schemaIsTheDefaultForUnqualifiedNames(TestDatabase db) throws Exception {
        Map<String, Object> base = db.freshConfig();
        String schema = unique("s");
        Map<String, Object> config;
        try (Connection admin = db.engine() == Engine.H2 ? java.sql.DriverManager.getConnection(
                (String) base.get("url"), (String) base.get("user"), "") : db.admin();
                Statement st = admin.createStatement()) {
            switch (db.engine()) {
                case POSTGRESQL -> st.execute("create schema " + schema);
                case MARIADB -> st.execute("create database " + schema);
                default -> st.execute("create schema " + schema.toUpperCase());
            }
        }
        config = Configs.with(base, "schema", db.engine() == Engine.H2 ? schema.toUpperCase() : schema);
        try {
            ConnectionPool.configure(Map.of("scoped", config));
            try (Session s = DatabaseManager.getSession("scoped")) {
                s.execute("create table placed (id int)");
                s.execute("insert into placed values (1)");
                s.commit();
                String qualified = (db.engine() == Engine.H2 ? schema.toUpperCase() : schema) + ".placed";
                assertThat(s.query(Long.class, "select count(*) from " + qualified)).containsExactly(1L);
            }
        } finally {
            ConnectionPool.closeAllConnections();
            if (db.engine() != Engine.H2) {
                try (Connection admin = db.admin(); Statement st = admin.createStatement()) {
                    st.execute(db.engine() == Engine.POSTGRESQL ? "drop schema " + schema + " cascade"
                            : "drop database " + schema);
                }
            }
        }
    }

    @AllEngines
    void readOnlyAndIsolationApplyToEveryConnection(TestDatabase db) throws Exception {
        ConnectionPool.configure(Map.of(
                "writer", Configs.with(db.freshConfig(), "isolation", "serializable"),
                "reader", Configs.with(db.freshConfig(), "read_only", true, "isolation", "READ COMMITTED")));
        try (Session w = DatabaseManager.getSession("writer"); Session r = DatabaseManager.getSession("reader")) {
            assertThat(w.connection().getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(w.connection().isReadOnly()).isFalse();
            assertThat(r.connection().getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            if (db.engine() != Engine.H2) { // H2's driver ignores Connection.setReadOnly
                assertThat(r.connection().isReadOnly()).isTrue();
                assertThatThrownBy(() -> r.execute("create table nope (id int)"))
                        .isInstanceOf(SqlExecutionException.class);
            }
        }
    }

    @AllEngines
    void initSqlRunsEveryStatementOnEachNewConnection(TestDatabase db) {
        List<String> init = switch (db.engine()) {
            case POSTGRESQL -> List.of("set application_name = 'multidb-init'", "set statement_timeout = 12345");
            case MARIADB -> List.of("set @multidb_a = 7", "set @multidb_b = 35");
            default -> List.of("set @multidb_a = 7", "set @multidb_b = 35");
        };
        ConnectionPool.configure(Map.of("init", Configs.with(db.freshConfig(), "init_sql", init)));
        try (Session s = DatabaseManager.getSession("init")) {
            s.query("select 1");
            s.rollback(); // what init_sql set must survive the session's first rollback
            if (db.engine() == Engine.POSTGRESQL) {
                assertThat(s.query(String.class, "select current_setting('application_name')"))
                        .containsExactly("multidb-init");
                assertThat(s.query(String.class, "select current_setting('statement_timeout')"))
                        .containsExactly("12345ms");
            } else {
                assertThat(s.query(Long.class, "select @multidb_a * @multidb_b")).containsExactly(245L);
            }
        }
    }

    @Test
    void aPoolPrePingOfFalseIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> ConnectionPool.configure(Map.of("p", Configs.with(Configs.h2("pp"),
                "pool_pre_ping", false))))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.label()).isEqualTo("p");
                    assertThat(e.key()).isEqualTo("pool_pre_ping");
                });
        assertThat(ConnectionPool.isConfigured()).isFalse();
    }
}
