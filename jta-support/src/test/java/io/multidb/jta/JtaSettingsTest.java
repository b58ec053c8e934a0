package io.multidb.jta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JtaSettingsTest {

    private static JtaSettings.Builder valid() {
        return JtaSettings.builder().logDirectory(Path.of("tx-log")).nodeId("orders-1");
    }

    @Test
    void defaultsAreTheDocumentedOnesAndTheNodeRecoversItself() {
        JtaSettings s = valid().build();

        assertThat(s.logDirectory().isAbsolute()).isTrue();
        assertThat(s.logDirectory().endsWith("tx-log")).isTrue();
        assertThat(s.nodeId()).isEqualTo("orders-1");
        assertThat(s.recoveryNodes()).containsExactly("orders-1");
        assertThat(s.defaultTransactionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.recoveryScanPeriod()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.recoveryBackoffPeriod()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.logStore()).isEqualTo(JtaSettings.LogStore.FILE);
        assertThat(s).isEqualTo(valid().build()).hasSameHashCodeAs(valid().build());
    }

    @Test
    void nodeIdAndLogDirectoryAreRequired() {
        assertThatThrownBy(() -> JtaSettings.builder().nodeId("a").build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("logDirectory"))
                .hasMessageContaining("logDirectory is required");
        assertThatThrownBy(() -> JtaSettings.builder().logDirectory(Path.of("x")).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("nodeId"))
                .hasMessageContaining("nodeId is required")
                .hasMessageContaining("stable across its restarts");
    }

    @Test
    void aNodeIdLongerThanNarayanaKeepsIsRefusedWithItsLength() {
        String twentyNine = "n".repeat(29);

        assertThatThrownBy(() -> valid().nodeId(twentyNine).build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is 29 bytes long")
                .hasMessageContaining("at most 28 bytes");
        assertThat(valid().nodeId("n".repeat(28)).build().nodeId()).hasSize(28);
        assertThatThrownBy(() -> valid().nodeId("ö".repeat(15)).build()).hasMessageContaining("30 bytes");
    }

    @Test
    void aNodeIdWithOtherCharactersIsRefused() {
        assertThatThrownBy(() -> valid().nodeId("orders 1").build())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("may contain only letters, digits");
        assertThatThrownBy(() -> valid().nodeId("*").build()).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void recoveryNodesMustIncludeThisNodeUnlessTheyAreAll() {
        assertThat(valid().recoveryNodes(List.of("orders-1", "orders-2")).build().recoveryNodes())
                .containsExactly("orders-1", "orders-2");
        assertThat(valid().recoveryNodes(List.of("*")).build().recoveryNodes()).containsExactly("*");
        assertThatThrownBy(() -> valid().recoveryNodes(List.of("orders-2")).build())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("recoveryNodes"))
                .hasMessageContaining("does not contain this node's id 'orders-1'");
        assertThatThrownBy(() -> valid().recoveryNodes(List.of()).build()).hasMessageContaining("recoveryNodes is empty");
    }

    @Test
    void durationsMustBeWholePositiveSecondsAndAreNeverRounded() {
        assertThatThrownBy(() -> valid().defaultTransactionTimeout(Duration.ofMillis(1500)).build())
                .isInstanceOfSatisfying(ConfigurationException.class,
                        e -> assertThat(e.key()).isEqualTo("defaultTransactionTimeout"))
                .hasMessageContaining("whole number of seconds, at least 1, but is PT1.5S");
        assertThatThrownBy(() -> valid().recoveryScanPeriod(Duration.ZERO).build())
                .hasMessageContaining("recoveryScanPeriod");
        assertThatThrownBy(() -> valid().recoveryBackoffPeriod(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("recoveryBackoffPeriod");
        assertThatThrownBy(() -> valid().logStore(null).build()).hasMessageContaining("logStore");
    }
}
