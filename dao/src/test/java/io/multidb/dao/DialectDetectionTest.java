package io.multidb.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.Engine;
import io.multidb.connection.MultiDbException;
import io.multidb.connection.Session;
import io.multidb.dao.internal.Dialects;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dialect comes from the product name the driver reports. */
class DialectDetectionTest {

    private static Session reporting(String product, String label) {
        Connection connection = reporting(product);
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "connection" -> connection;
                    case "label" -> label;
                    default -> throw new AssertionError("unexpected " + method.getName());
                });
    }

    private static Connection reporting(String product) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(DatabaseMetaData.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getDatabaseProductName")) {
                        return product;
                    }
                    throw new AssertionError("unexpected " + method.getName());
                });
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return metaData;
                    }
                    throw new AssertionError("unexpected " + method.getName());
                });
    }

    @Test
    void everyDriversProductNameMapsToItsEngine() {
        Map<String, Engine> products = Map.of(
                "PostgreSQL", Engine.POSTGRESQL,
                "MariaDB", Engine.MARIADB,
                "MySQL", Engine.MARIADB,
                "H2", Engine.H2,
                "Oracle", Engine.ORACLE,
                "Microsoft SQL Server", Engine.SQLSERVER);
        products.forEach((product, engine) ->
                assertThat(Dialects.detect(reporting(product, "main")).engine()).as(product).isEqualTo(engine));
    }

    @Test
    void anUnknownProductIsRefusedWithTheWayOut() {
        assertThatThrownBy(() -> Dialects.detect(reporting("SQLite", "cache")))
                .isInstanceOf(MultiDbException.class)
                .hasMessageContaining("Database 'cache' reports product 'SQLite'")
                .hasMessageContaining("super(session, Dialect.of(Engine.POSTGRESQL))");
    }
}
