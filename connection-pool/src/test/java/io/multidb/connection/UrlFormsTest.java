package io.multidb.connection;

import static io.multidb.testkit.TestNames.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.testkit.AllEngines;
import io.multidb.testkit.TestDatabase;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import io.multidb.testkit.ClosePools;

/**
 * The same database reached through each configuration form — a {@code jdbc:} URL, a
 * {@code scheme://user:pass@host:port/db} connection string, and host/port/db pieces — on a live
 * server of each engine.
 */
@ExtendWith(ClosePools.class)
class UrlFormsTest {

    private static Map<String, Object> jdbcForm(TestDatabase db) {
        return withCredentials(db, Configs.with(Map.of(), "url", db.jdbcUrl()));
    }

    private static Map<String, Object> schemeForm(TestDatabase db) {
        if (db.engine() == Engine.H2) {
            return Configs.with(Map.of(), "connection_string", "h2://sa@/mem:" + unique(), "engine", "h2");
        }
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        String password = db.password() == null || db.password().isEmpty() ? ""
                : ":" + URLEncoder.encode(db.password(), StandardCharsets.UTF_8);
        return Configs.with(Map.of(), "connection_string", uri.getScheme() + "://" + db.user() + password + "@"
                + uri.getHost() + ":" + uri.getPort() + uri.getPath());
    }

    private static Map<String, Object> piecesForm(TestDatabase db) {
        if (db.engine() == Engine.H2) {
            return Configs.with(Map.of(), "engine", "h2", "db", ":memory:", "user", "sa");
        }
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return withCredentials(db, Configs.with(Map.of(), "engine", db.engine().key(), "host", uri.getHost(),
                "port", uri.getPort(), "db", uri.getPath().substring(1)));
    }

    private static Map<String, Object> withCredentials(TestDatabase db, Map<String, Object> config) {
        if (db.engine() == Engine.H2) {
            return Configs.with(Map.of(), "url", "jdbc:h2:mem:" + unique(), "user", "sa");
        }
        config.put("user", db.user());
        if (db.password() != null && !db.password().isEmpty()) {
            config.put("password", db.password());
        }
        return config;
    }

    @AllEngines
    void everyUrlFormReachesTheSameServer(TestDatabase db) {
        Map<String, Object> configs = new LinkedHashMap<>();
        configs.put("jdbc_form", jdbcForm(db));
        configs.put("scheme_form", schemeForm(db));
        configs.put("pieces_form", piecesForm(db));
        ConnectionPool.configure(configs);
        for (String label : List.of("jdbc_form", "scheme_form", "pieces_form")) {
            try (Session s = DatabaseManager.getSession(label)) {
                assertThat(s.query(Integer.class, "select 1")).as(label).containsExactly(1);
                assertThat(s.connection().getMetaData().getURL()).as(label).startsWith("jdbc:" + db.engine().key());
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }
}
