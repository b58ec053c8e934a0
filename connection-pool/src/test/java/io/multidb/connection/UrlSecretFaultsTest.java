package io.multidb.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.multidb.connection.internal.JdbcUrl;
import io.multidb.connection.internal.Secrets;
import io.multidb.connection.internal.JdbcUrl.Resolved;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the reliability suite's bad-configuration corpus and canary test found in URL handling:
 * secrets of wrapped and malformed Oracle URLs, wrapping drivers' URLs that kept their password,
 * and a broken IPv6 bracket that was only refused at the first connection.
 */
class UrlSecretFaultsTest {
    private static final String CANARY = "Canary-Pw-5519";

    private static ConfigurationException urlError(String url) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> JdbcUrl.resolve("orders", null, url, "url", null, null, null, null, null));
        assertThat(e).as("expected a ConfigurationException for %s", url.replace(CANARY, "<canary>")).isNotNull();
        assertThat(e.label()).isEqualTo("orders");
        assertThat(e.key()).isEqualTo("url");
        assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("5519");
        return e;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:p6spy:oracle:thin:scott/Canary-Pw-5519@//h:1521/s         | jdbc:p6spy:oracle:thin:scott/****@//h:1521/s",
        "at jdbc:log4jdbc:oracle:oci:scott/\"Canary-Pw-5519\"@tns here  | at jdbc:log4jdbc:oracle:oci:scott/****@tns here",
        "jdbc:oracle:thin:scott/Canary-Pw-5519 was refused              | jdbc:oracle:thin:scott/**** was refused",
        "jdbc:oracle:thin:scott/Canary-Pw-5519                          | jdbc:oracle:thin:scott/****",
        "jdbc:oracle:thin:@//h:1521/s                                   | jdbc:oracle:thin:@//h:1521/s",
        "jdbc:oracle:thin:@h:1521:SID and jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=h))) | jdbc:oracle:thin:@h:1521:SID and jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(HOST=h)))",
    })
    void redactMasksOracleCredentialsBehindAWrapperAndWithoutTheAt(String text, String expected) {
        assertThat(Secrets.redact(text)).isEqualTo(expected);
    }

    @Test
    void anOracleUrlMissingItsAtIsRefusedWithoutShowingThePassword() {
        ConfigurationException e = urlError("jdbc:oracle:thin:app/" + CANARY + "//db.internal:1521/svc");
        assertThat(e).hasMessageContaining("has no @").hasMessageContaining("jdbc:oracle:thin:app/****");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:postgresql://[broken:5432/app?password=" + CANARY,
        "jdbc:postgresql://broken]:5432/app",
        "jdbc:mariadb://[::1]:3306,[::2:3306/app",
        "jdbc:sqlserver://[fe80::1;databaseName=app",
        "jdbc:h2:tcp://[::1:9092/mem:app",
        "postgresql://app:" + CANARY + "@[[::1]]:5432/app",
    })
    void anUnpairedIpv6BracketIsAConfigurationError(String url) {
        assertThat(urlError(url)).hasMessageContaining("unclosed '[' or a stray ']'");
    }

    @Test
    void pairedIpv6BracketsAreStillAccepted() {
        Resolved one = JdbcUrl.resolve("orders", null, "jdbc:postgresql://[::1]:5432/app", "url", null, null, null,
                null, null);
        assertThat(one.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/app");
        Resolved two = JdbcUrl.resolve("orders", null, "jdbc:postgresql://[::1]:5432,[::2]:5433/app", "url", null,
                null, null, null, null);
        assertThat(two.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432,[::2]:5433/app");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:p6spy:postgresql://h:5432/app?user=app&password=Canary-Pw-5519&ssl=true | jdbc:p6spy:postgresql://h:5432/app?ssl=true | POSTGRESQL",
        "jdbc:p6spy:mariadb://app:Canary-Pw-5519@h:3306/app                           | jdbc:p6spy:mariadb://h:3306/app             | MARIADB",
        "jdbc:p6spy:mysql://app:Canary-Pw-5519@h:3306/app                             | jdbc:p6spy:mysql://h:3306/app               | MARIADB",
        "jdbc:otel:oracle:thin:app/Canary-Pw-5519@//h:1521/svc                        | jdbc:otel:oracle:thin:@//h:1521/svc         | ORACLE",
        "jdbc:log4jdbc:h2:mem:app;USER=app;PASSWORD=Canary-Pw-5519                    | jdbc:log4jdbc:h2:mem:app                    | H2",
    })
    void aWrappingDriversUrlLosesItsCredentialsAndKeepsItsSubprotocol(String url, String expected, Engine engine) {
        Resolved r = JdbcUrl.resolveWrapped("orders", null, url, "url", null, null);
        assertThat(r.jdbcUrl()).isEqualTo(expected);
        assertThat(r.engine()).isEqualTo(engine);
        assertThat(r.user()).isEqualTo("app");
        assertThat(r.password()).isEqualTo(CANARY);
        assertThat(r.toString()).doesNotContain(CANARY);
    }

    @Test
    void aWrappingDriversSecretParameterBecomesADriverProperty() {
        Resolved r = JdbcUrl.resolveWrapped("orders", Engine.POSTGRESQL,
                "jdbc:p6spy:postgresql://h/app?sslpassword=" + CANARY, "url", "app", null);
        assertThat(r.jdbcUrl()).isEqualTo("jdbc:p6spy:postgresql://h/app");
        assertThat(r.properties()).isEqualTo(Map.of("sslpassword", CANARY));
        assertThat(r.user()).isEqualTo("app");
    }

    @Test
    void aWrappedUrlIsCheckedLikeTheEnginesOwn() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> JdbcUrl.resolveWrapped(
                "orders", Engine.ORACLE, "jdbc:p6spy:postgresql://h/app?password=" + CANARY, "url", null, null));
        assertThat(e).isNotNull();
        assertThat(e.key()).isEqualTo("engine");
        assertThat(e.getMessage()).doesNotContain(CANARY);
        ConfigurationException differs = catchThrowableOfType(ConfigurationException.class,
                () -> JdbcUrl.resolveWrapped("orders", null, "jdbc:p6spy:postgresql://h/app?password=" + CANARY,
                        "url", null, "other"));
        assertThat(differs).isNotNull();
        assertThat(differs.key()).isEqualTo("password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:tracing:custom://h/app?password=" + CANARY, "jdbc:p6spy:sqlite:/tmp/app.db"})
    void aUrlWrappingNoEngineIsKeptWhole(String url) {
        Resolved r = JdbcUrl.resolveWrapped("orders", Engine.POSTGRESQL, url, "url", "app", "pw");
        assertThat(r.jdbcUrl()).isEqualTo(url);
        assertThat(r.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(r.user()).isEqualTo("app");
        assertThat(r.password()).isEqualTo("pw");
        assertThat(Secrets.redact(r.jdbcUrl())).doesNotContain(CANARY);
    }
}
