package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multidb.connection.internal.JdbcUrl;
import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.JdbcUrl.Resolved;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JdbcUrlTest {
    private static final String CANARY = "Canary-Pw-7731";

    private static Resolved url(String url) {
        return JdbcUrl.resolve("orders", null, url, "url", null, null, null, null, null);
    }

    private static Resolved pieces(Engine engine, String host, Integer port, String db) {
        return JdbcUrl.resolve("orders", engine, null, "url", host, port, db, null, null);
    }

    /** Asserts the exception, its label and key and a message fragment, and that no password leaks. */
    private static ConfigurationException error(ThrowingCallable call, String key, String fragment) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, call);
        assertThat(e).as("expected a ConfigurationException").isNotNull();
        assertThat(e.label()).isEqualTo("orders");
        assertThat(e.key()).isEqualTo(key);
        assertThat(e).hasMessageStartingWith("Database 'orders': " + key + " ").hasMessageContaining(fragment);
        assertThat(e.getMessage()).doesNotContain(CANARY);
        assertThat(e.toString()).doesNotContain(CANARY);
        return e;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/app                          | POSTGRESQL | jdbc:postgresql://db:5432/app",
        "jdbc:postgresql://db1:5432,db2:5433/app?ssl=true       | POSTGRESQL | jdbc:postgresql://db1:5432,db2:5433/app?ssl=true",
        "jdbc:postgresql:app                                    | POSTGRESQL | jdbc:postgresql:app",
        "jdbc:oracle:thin:@//ora:1521/ORCL                      | ORACLE     | jdbc:oracle:thin:@//ora:1521/ORCL",
        "jdbc:oracle:thin:@ora:1521:SID                         | ORACLE     | jdbc:oracle:thin:@ora:1521:SID",
        "jdbc:sqlserver://ms:1433;databaseName=app;encrypt=true | SQLSERVER  | jdbc:sqlserver://ms:1433;databaseName=app;encrypt=true",
        "jdbc:h2:mem:app;DB_CLOSE_DELAY=-1                      | H2         | jdbc:h2:mem:app;DB_CLOSE_DELAY=-1",
        "jdbc:h2:file:./data/app                                | H2         | jdbc:h2:file:./data/app",
        "jdbc:h2:tcp://h2host:9092/~/app                        | H2         | jdbc:h2:tcp://h2host:9092/~/app",
        "jdbc:mariadb://maria:3306/app                          | MARIADB    | jdbc:mariadb://maria:3306/app",
        "jdbc:mariadb:replication://m1,m2/app                   | MARIADB    | jdbc:mariadb:replication://m1,m2/app",
        "jdbc:mysql://my:3306/app?useSSL=false                  | MARIADB    | jdbc:mariadb://my:3306/app?useSSL=false",
        "h2:mem:app                                             | H2         | jdbc:h2:mem:app",
        "h2:file:/var/data/app                                  | H2         | jdbc:h2:file:/var/data/app",
    })
    void jdbcUrlsOfEveryEngineAreKeptAndTheEngineIsInferred(String url, Engine engine, String expected) {
        Resolved r = url(url);
        assertThat(r.engine()).isEqualTo(engine);
        assertThat(r.jdbcUrl()).isEqualTo(expected);
        assertThat(r.user()).isNull();
        assertThat(r.password()).isNull();
        assertThat(r.properties()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "postgresql://app:pw@db:5432/orders,                     POSTGRESQL, jdbc:postgresql://db:5432/orders",
        "postgres://app:pw@db/orders,                            POSTGRESQL, jdbc:postgresql://db:5432/orders",
        "postgresql+psycopg2://app:pw@db/orders,                 POSTGRESQL, jdbc:postgresql://db:5432/orders",
        "oracle://app:pw@ora/ORCL,                               ORACLE,     jdbc:oracle:thin:@//ora:1521/ORCL",
        "oracle+oracledb://app:pw@ora:1522/?service_name=SVC,    ORACLE,     jdbc:oracle:thin:@//ora:1522/SVC",
        "sqlserver://app:pw@ms/app,                              SQLSERVER,  jdbc:sqlserver://ms:1433;databaseName=app",
        "mssql+pymssql://app:pw@ms:1444/app,                     SQLSERVER,  jdbc:sqlserver://ms:1444;databaseName=app",
        "mariadb://app:pw@maria/app,                             MARIADB,    jdbc:mariadb://maria:3306/app",
        "mysql+pymysql://app:pw@my:3307/app,                     MARIADB,    jdbc:mariadb://my:3307/app",
        "h2://app:pw@h2host/~/app,                               H2,         jdbc:h2:tcp://h2host:9092/~/app",
    })
    void schemeUrlsBecomeJdbcUrlsWithCredentialsMovedOut(String url, Engine engine, String expected) {
        Resolved r = url(url);
        assertThat(r.engine()).isEqualTo(engine);
        assertThat(r.jdbcUrl()).isEqualTo(expected);
        assertThat(r.user()).isEqualTo("app");
        assertThat(r.password()).isEqualTo("pw");
        assertThat(r.properties()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "h2:///:memory:,          jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1",
        "h2:///mem:shared,        jdbc:h2:mem:shared;DB_CLOSE_DELAY=-1",
        "h2:///data/app,          jdbc:h2:file:data/app",
        "h2:////var/data/app,     jdbc:h2:file:/var/data/app",
        "h2://h2host:9093/mem:t,  jdbc:h2:tcp://h2host:9093/mem:t",
    })
    void h2SchemeUrlsWithoutHostAreEmbeddedLikeSqlAlchemySqliteUrls(String url, String expected) {
        assertThat(url(url).jdbcUrl()).isEqualTo(expected);
    }

    @Test
    void schemeUrlCredentialsAndDatabaseArePercentDecodedButPlusStaysPlus() {
        Resolved r = url("postgresql://us%40er:p%40ss%3Aw%2Fd+x@db/my%20db");
        assertThat(r.user()).isEqualTo("us@er");
        assertThat(r.password()).isEqualTo("p@ss:w/d+x");
        assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/my db");
    }

    @Test
    void schemeQueryParametersBecomeDriverPropertiesExceptTheCredentials() {
        Resolved r = url("postgresql://db/orders?sslmode=require&User=app&password=" + CANARY
                + "&application_name=my+app");
        assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/orders");
        assertThat(r.user()).isEqualTo("app");
        assertThat(r.password()).isEqualTo(CANARY);
        assertThat(r.properties()).containsExactly(Map.entry("sslmode", "require"),
                Map.entry("application_name", "my app"));
    }

    @Test
    void sqlServerSchemeUrlGetsOnlyTheDriverPropertiesGiven() {
        assertThat(url("mssql://sa:pw@ms/app").properties()).isEmpty();
        assertThat(url("mssql://sa:pw@ms/app").jdbcUrl()).doesNotContainIgnoringCase("encrypt");
        assertThat(url("mssql://sa:pw@ms/app?encrypt=true&trustServerCertificate=true").properties())
                .containsExactly(Map.entry("encrypt", "true"), Map.entry("trustServerCertificate", "true"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db/app?user=app&password=Canary-Pw-7731&ssl=true | jdbc:postgresql://db/app?ssl=true | app",
        "jdbc:postgresql://db/app?ssl=true&PASSWORD=Canary-Pw-7731          | jdbc:postgresql://db/app?ssl=true |",
        "jdbc:postgresql://app:Canary-Pw-7731@db/app                        | jdbc:postgresql://db/app          | app",
        "jdbc:mariadb://maria/app?user=app&password=Canary-Pw-7731          | jdbc:mariadb://maria/app          | app",
        "jdbc:mysql://my/app?password=Canary-Pw-7731&useSSL=false           | jdbc:mariadb://my/app?useSSL=false |",
        "jdbc:sqlserver://ms:1433;databaseName=app;user=app;password=Canary-Pw-7731 | jdbc:sqlserver://ms:1433;databaseName=app | app",
        "jdbc:sqlserver://ms;Password={Canary-Pw-7731};encrypt=true         | jdbc:sqlserver://ms;encrypt=true  |",
        "jdbc:h2:mem:app;USER=app;PASSWORD=Canary-Pw-7731                   | jdbc:h2:mem:app                   | app",
        "jdbc:h2:tcp://h2host/~/app;password=Canary-Pw-7731;MODE=Oracle     | jdbc:h2:tcp://h2host/~/app;MODE=Oracle |",
        "jdbc:oracle:thin:app/Canary-Pw-7731@//ora:1521/ORCL                | jdbc:oracle:thin:@//ora:1521/ORCL | app",
        "jdbc:oracle:thin:app/\"Canary-Pw-7731\"@ora:1521:SID               | jdbc:oracle:thin:@ora:1521:SID    | app",
        "jdbc:oracle:thin:@//ora/ORCL?user=app&password=Canary-Pw-7731      | jdbc:oracle:thin:@//ora/ORCL      | app",
        "postgresql://app:Canary-Pw-7731@db/app                             | jdbc:postgresql://db:5432/app     | app",
        "postgresql://db/app?password=Canary-Pw-7731                        | jdbc:postgresql://db:5432/app     |",
    })
    void everyPasswordLocationIsMovedOutOfTheUrl(String url, String expectedUrl, String expectedUser) {
        Resolved r = url(url);
        assertThat(r.jdbcUrl()).isEqualTo(expectedUrl).doesNotContain(CANARY);
        assertThat(r.password()).isEqualTo(CANARY);
        assertThat(r.user()).isEqualTo(expectedUser);
        assertThat(r.toString()).doesNotContain(CANARY).contains("password=****");
    }

    @Test
    void pgJdbcPasswordParameterIsDecodedAsTheDriverWouldButMariaDbIsNot() {
        assertThat(url("jdbc:postgresql://db/app?password=a%26b+c").password()).isEqualTo("a&b c");
        assertThat(url("jdbc:mariadb://m/app?password=a%26b").password()).isEqualTo("a%26b");
    }

    @Test
    void sqlServerBracedPasswordMayHoldSemicolonsAndEscapedBraces() {
        Resolved r = url("jdbc:sqlserver://ms;password={a;b}}c};databaseName=app");
        assertThat(r.password()).isEqualTo("a;b}c");
        assertThat(r.jdbcUrl()).isEqualTo("jdbc:sqlserver://ms;databaseName=app");
    }

    @Test
    void otherSecretParametersMoveToTheDriverProperties() {
        Resolved pg = url("jdbc:postgresql://db/app?sslmode=verify-full&sslpassword=" + CANARY);
        assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db/app?sslmode=verify-full");
        assertThat(pg.properties()).containsExactly(Map.entry("sslpassword", CANARY));
        assertThat(pg.toString()).doesNotContain(CANARY);
        Resolved maria = url("jdbc:mariadb://m/app?keyStorePassword=" + CANARY + "&keyStoreType=PKCS12");
        assertThat(maria.jdbcUrl()).isEqualTo("jdbc:mariadb://m/app?keyStoreType=PKCS12");
        assertThat(maria.properties()).containsExactly(Map.entry("keyStorePassword", CANARY));
    }

    @ParameterizedTest
    @CsvSource({
        "POSTGRESQL, db.internal, ,     orders, jdbc:postgresql://db.internal:5432/orders",
        "POSTGRESQL, db,          6543, orders, jdbc:postgresql://db:6543/orders",
        "POSTGRESQL, ::1,         ,     orders, jdbc:postgresql://[::1]:5432/orders",
        "ORACLE,     ora,         ,     ORCL,   jdbc:oracle:thin:@//ora:1521/ORCL",
        "SQLSERVER,  ms,          ,     app,    jdbc:sqlserver://ms:1433;databaseName=app",
        "MARIADB,    maria,       ,     app,    jdbc:mariadb://maria:3306/app",
        "H2,         h2host,      ,     ~/app,  jdbc:h2:tcp://h2host:9092/~/app",
    })
    void piecesBuildTheUrlWithTheEngineDefaultPort(Engine engine, String host, Integer port, String db,
            String expected) {
        Resolved r = pieces(engine, host, port, db);
        assertThat(r.engine()).isEqualTo(engine);
        assertThat(r.jdbcUrl()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        ":memory:,        jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1",
        "mem:shared,      jdbc:h2:mem:shared;DB_CLOSE_DELAY=-1",
        "mem:s;DB_CLOSE_DELAY=10, jdbc:h2:mem:s;DB_CLOSE_DELAY=10",
        "./data/app,      jdbc:h2:file:./data/app",
        "file:/tmp/app,   jdbc:h2:file:/tmp/app",
    })
    void h2PiecesWithoutHostGiveMemoryOrFileDatabases(String db, String expected) {
        assertThat(pieces(Engine.H2, null, null, db).jdbcUrl()).isEqualTo(expected);
    }

    @Test
    void pieceCredentialsArePassedThrough() {
        Resolved r = JdbcUrl.resolve("orders", Engine.POSTGRESQL, null, "url", "db", null, "app", "app", CANARY);
        assertThat(r.user()).isEqualTo("app");
        assertThat(r.password()).isEqualTo(CANARY);
        assertThat(r.toString()).doesNotContain(CANARY);
    }

    @Test
    void urlAndConsistentPiecesAreAccepted() {
        Resolved r = JdbcUrl.resolve("orders", Engine.POSTGRESQL, "postgresql://app:" + CANARY + "@DB.internal/orders",
                "connection_string", "db.INTERNAL", 5432, "orders", "app", CANARY);
        assertThat(r.jdbcUrl()).isEqualTo("jdbc:postgresql://DB.internal:5432/orders");
        assertThat(r.password()).isEqualTo(CANARY);
        assertThat(JdbcUrl.resolve("orders", Engine.H2, "jdbc:h2:mem:anything", "connection_string", null, null,
                ":memory:", null, null).jdbcUrl()).isEqualTo("jdbc:h2:mem:anything");
        assertThat(JdbcUrl.resolve("orders", null, "jdbc:h2:./data/app", "url", null, null, "./data/app", null, null)
                .engine()).isEqualTo(Engine.H2);
        assertThat(JdbcUrl.resolve("orders", null, "jdbc:sqlserver://ms;databaseName=app", "url", "ms", 1433, "app",
                null, null).engine()).isEqualTo(Engine.SQLSERVER);
    }

    @Test
    void noUrlAndNoEngineIsAnErrorOnEngine() {
        error(() -> JdbcUrl.resolve("orders", null, null, "url", "db", null, "app", "app", CANARY), "engine",
                "is needed when no url/connection_string is given");
    }

    @Test
    void piecesNeedHostAndDb() {
        error(() -> pieces(Engine.POSTGRESQL, null, null, "app"), "host", "is needed for postgresql");
        error(() -> pieces(Engine.MARIADB, "m", null, null), "db", "is needed when no url/connection_string is given");
        error(() -> pieces(Engine.H2, null, null, null), "db", "is needed");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536})
    void portMustBeBetween1And65535(int port) {
        error(() -> pieces(Engine.POSTGRESQL, "db", port, "app"), "port", "must be between 1 and 65535, but is " + port);
    }

    @Test
    void blankOrOddPiecesAreRejected() {
        error(() -> pieces(Engine.POSTGRESQL, " ", null, "app"), "host", "must be a host name or IP address");
        error(() -> pieces(Engine.POSTGRESQL, "db/x", null, "app"), "host", "'db/x'");
        error(() -> pieces(Engine.POSTGRESQL, "db", null, "  "), "db", "must not be blank");
    }

    @Test
    void blankUrlIsAnErrorOnTheKeyTheUserWrote() {
        error(() -> url("  "), "url", "must not be blank");
        error(() -> JdbcUrl.resolve("orders", null, "", "connection_string", null, null, null, null, null),
                "connection_string", "must not be blank");
    }

    @Test
    void unknownSchemeListsTheSupportedOnesAndPointsSqliteAtH2() {
        ConfigurationException e = error(() -> url("sqlite:///:memory:"), "url", "unsupported scheme 'sqlite'");
        assertThat(e).hasMessageContaining("postgresql, postgres, oracle, sqlserver, mssql, h2, mariadb, mysql")
                .hasMessageContaining("H2");
        error(() -> url("db2://app:" + CANARY + "@host/db"), "url", "unsupported scheme 'db2'");
    }

    @Test
    void unknownJdbcSubprotocolListsTheSupportedOnes() {
        error(() -> url("jdbc:db2://host:50000/app:password=" + CANARY + ";"), "url",
                "'jdbc:db2' (supported: jdbc:postgresql, jdbc:oracle, jdbc:sqlserver, jdbc:h2, jdbc:mariadb, jdbc:mysql");
    }

    @Test
    void malformedUrlsAreShownOnlyRedacted() {
        ConfigurationException port = error(() -> url("postgresql://app:" + CANARY + "@db:54x2/orders"), "url",
                "port '54x2'");
        assertThat(port).hasMessageContaining("postgresql://app:****@db:54x2/orders");
        error(() -> url("postgresql://app:" + CANARY + " x@db:bad/orders"), "url", "port 'bad'");
        error(() -> url("jdbc:sqlserver://ms:1433/app;password=" + CANARY + " x"), "url", ";databaseName=db");
        error(() -> url("jdbc:oracle:thin:app/" + CANARY + " x@ora:99999/ORCL"), "url", "port '99999'");
        error(() -> url("localhost:5432/orders?password=" + CANARY), "url", "is neither a jdbc: URL nor scheme://");
        error(() -> url("postgresql://app:" + CANARY + "@/orders"), "url", "names no host");
        error(() -> url("postgresql://app:" + CANARY + "@db"), "url", "names no database");
        error(() -> url("jdbc:oracle:thin:ora:1521/ORCL"), "url", "has no @");
        error(() -> url("jdbc:mariadb:maria/app"), "url", "has no //host");
        error(() -> url("postgresql://app:%zz" + CANARY + "@db/x"), "url", "malformed %-escape");
        error(() -> url("postgresql://app:" + CANARY + "@db/x?password=other"), "url",
                "gives the password twice, with different values");
    }

    @Test
    void engineContradictingTheUrlIsAnErrorOnEngine() {
        error(() -> JdbcUrl.resolve("orders", Engine.ORACLE, "jdbc:postgresql://db/app?password=" + CANARY, "url",
                null, null, null, null, null), "engine", "'oracle' contradicts the url, which is for postgresql");
        error(() -> JdbcUrl.resolve("orders", Engine.POSTGRESQL, "mysql://app:" + CANARY + "@my/app",
                "connection_string", null, null, null, null, null), "engine", "contradicts the connection_string");
    }

    @Test
    void piecesContradictingTheUrlAreErrorsOnThePiece() {
        String pg = "jdbc:postgresql://db/app?password=" + CANARY;
        error(() -> JdbcUrl.resolve("orders", null, pg, "url", "other", null, null, null, null), "host",
                "'other' contradicts the url, which names host 'db'");
        error(() -> JdbcUrl.resolve("orders", null, pg, "url", null, 5433, null, null, null), "port",
                "5433 contradicts the url, which names port 5432");
        error(() -> JdbcUrl.resolve("orders", null, pg, "url", null, null, "other", null, null), "db",
                "'other' contradicts the url, which names database 'app'");
        error(() -> JdbcUrl.resolve("orders", null, "jdbc:h2:file:./x", "url", null, null, ":memory:", null, null),
                "db", "contradicts the url");
        error(() -> JdbcUrl.resolve("orders", null, "jdbc:h2:mem:x", "url", "db", null, null, null, null), "host",
                "names no single host");
    }

    @Test
    void credentialsContradictingTheUrlAreErrorsThatNeverShowAPassword() {
        String url = "postgresql://app:" + CANARY + "@db/orders";
        error(() -> JdbcUrl.resolve("orders", null, url, "url", null, null, null, "other", null), "user",
                "'other' contradicts the url, which names user 'app'");
        ConfigurationException e = error(() -> JdbcUrl.resolve("orders", null, url, "url", null, null, null, null,
                "other-secret"), "password", "differs from the password in the url");
        assertThat(e.getMessage()).doesNotContain("other-secret");
        ConfigurationException reverse = error(() -> JdbcUrl.resolve("orders", null, "postgresql://app:other@db/x",
                "url", null, null, null, null, CANARY), "password", "give it in one place");
        assertThat(reverse.getMessage()).doesNotContain("other@");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "PWD", "passwd", "sslpassword", "javax.net.ssl.keyStorePassword",
        "trustStorePassword", "clientSecret", "accessToken", "api_key", "credentials", "sslPassphrase"})
    void secretNamesAreRecognised(String name) {
        assertThat(Secrets.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user", "sslmode", "host", "keyStoreType", "applicationName", "encrypt", ""})
    void ordinaryNamesAreNotSecret(String name) {
        assertThat(Secrets.isSecretName(name)).isFalse();
        assertThat(Secrets.isSecretName(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://u:Canary-Pw-7731@h/db                     | jdbc:postgresql://u:****@h/db",
        "postgresql+psycopg2://u:Canary-Pw-7731@h:5432/db?x=1        | postgresql+psycopg2://u:****@h:5432/db?x=1",
        "jdbc:postgresql://h/db?user=u&password=Canary-Pw-7731&ssl=1 | jdbc:postgresql://h/db?user=u&password=****&ssl=1",
        "jdbc:sqlserver://h;PWD=Canary-Pw-7731;encrypt=true          | jdbc:sqlserver://h;PWD=****;encrypt=true",
        "jdbc:sqlserver://h;password={Canary;Pw-7731};x=1            | jdbc:sqlserver://h;password=****;x=1",
        "jdbc:h2:mem:x;PASSWORD=Canary-Pw-7731                       | jdbc:h2:mem:x;PASSWORD=****",
        "jdbc:oracle:thin:scott/Canary-Pw-7731@//h:1521/s            | jdbc:oracle:thin:scott/****@//h:1521/s",
        "failed for url jdbc:mariadb://h/db?sslPassword=Canary-Pw-7731 as user u | failed for url jdbc:mariadb://h/db?sslPassword=**** as user u",
        "no secrets in jdbc:postgresql://h:5432/db?ssl=true          | no secrets in jdbc:postgresql://h:5432/db?ssl=true",
    })
    void redactMasksEverySecretAUrlCanCarry(String text, String expected) {
        assertThat(Secrets.redact(text)).isEqualTo(expected).doesNotContain("Canary");
        assertThat(Secrets.redact(null)).isNull();
    }
}
