package io.multidb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void redactRemovesPasswordParametersUserInfoAndOracleCredentials() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/test?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/test?user=app&password=****&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:sqlserver://db:1433;databaseName=x;Password=s3cret;encrypt=false"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=x;Password=****;encrypt=false");
        assertThat(JdbcUrls.redact("jdbc:h2:mem:x;USER=sa;PWD=s3cret"))
                .isEqualTo("jdbc:h2:mem:x;USER=sa;PWD=****");
        assertThat(JdbcUrls.redact("jdbc:mariadb://app:s3cret@db:3306/test"))
                .isEqualTo("jdbc:mariadb://app:****@db:3306/test");
        assertThat(JdbcUrls.redact("jdbc:oracle:thin:scott/s3cret@//db:1521/FREEPDB1"))
                .isEqualTo("jdbc:oracle:thin:scott/****@//db:1521/FREEPDB1");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/test?sslpassword=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/test?sslpassword=****&ssl=true");
    }

    @Test
    void redactLeavesUrlsWithoutSecretsAlone() {
        String url = "jdbc:postgresql://127.0.0.1:5432/test?ssl=true&connectTimeout=5";

        assertThat(JdbcUrls.redact(url)).isEqualTo(url);
        assertThat(JdbcUrls.redact(null)).isNull();
    }

    @Test
    void withPathDatabaseReplacesTheDatabaseAndKeepsTheQuery() {
        assertThat(JdbcUrls.withPathDatabase("jdbc:mariadb://127.0.0.1:3306/test", "t_1"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/t_1");
        assertThat(JdbcUrls.withPathDatabase("jdbc:mariadb://127.0.0.1:3306/test?useSsl=false&a=b/c", "t_1"))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/t_1?useSsl=false&a=b/c");
        assertThat(JdbcUrls.withPathDatabase("jdbc:mariadb://h1:3306,h2:3306?connectTimeout=5", "t_1"))
                .isEqualTo("jdbc:mariadb://h1:3306,h2:3306/t_1?connectTimeout=5");
        assertThat(JdbcUrls.withPathDatabase("jdbc:mariadb://localhost/", "t_1"))
                .isEqualTo("jdbc:mariadb://localhost/t_1");
    }

    @Test
    void withPathDatabaseRejectsAUrlWithoutHostsAndDoesNotEchoItsPassword() {
        assertThatThrownBy(() -> JdbcUrls.withPathDatabase("jdbc:h2:mem:x;PASSWORD=s3cret", "t_1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:h2:mem:x")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void withSqlServerDatabaseReplacesDatabaseNameOrDatabase() {
        assertThat(JdbcUrls.withSqlServerDatabase("jdbc:sqlserver://db:1433;databaseName=master;encrypt=false", "t_1"))
                .isEqualTo("jdbc:sqlserver://db:1433;encrypt=false;databaseName=t_1");
        assertThat(JdbcUrls.withSqlServerDatabase("jdbc:sqlserver://db:1433;Database=master", "t_1"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=t_1");
        assertThat(JdbcUrls.withSqlServerDatabase("jdbc:sqlserver://db:1433;", "t_1"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=t_1");
    }
}
