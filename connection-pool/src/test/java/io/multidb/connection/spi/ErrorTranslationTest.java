package io.multidb.connection.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.multidb.connection.DatabaseConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorTranslationTest {

    @Test
    void scrubMasksTheLabelsPasswordAndUrlShapedSecretsAlike() {
        DatabaseConfig config = DatabaseConfig.fromMap("orders",
                Map.of("url", "jdbc:h2:mem:orders", "user", "sa", "password", "pw-73bd2"));
        String scrubbed = ErrorTranslation.scrub(config,
                "login as sa/pw-73bd2 failed; tried jdbc:postgresql://db/orders?password=other-secret&ssl=true");
        assertThat(scrubbed).doesNotContain("pw-73bd2").doesNotContain("other-secret")
                .contains("login as sa/****").contains("ssl=true");
    }

    @Test
    void scrubKeepsTextWithoutSecretsAndNull() {
        DatabaseConfig config = DatabaseConfig.fromMap("orders", Map.of("url", "jdbc:h2:mem:orders", "user", "sa"));
        assertThat(ErrorTranslation.scrub(config, "connection refused")).isEqualTo("connection refused");
        assertThat(ErrorTranslation.scrub(config, null)).isNull();
    }
}
