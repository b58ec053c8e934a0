package io.multidb.jta.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.multidb.connection.ConfigurationException;
import io.multidb.jta.JtaSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogDirectoryTest {

    @TempDir
    Path tmp;

    private JtaSettings settings(String node) {
        return JtaSettings.builder().logDirectory(tmp.resolve("log")).nodeId(node).build();
    }

    @Test
    void theDirectoryIsCreatedAndRemembersItsNodeId() throws Exception {
        try (LogDirectory held = LogDirectory.open(settings("orders-1"))) {
            assertThat(held).isNotNull();
        }

        assertThat(Files.readString(tmp.resolve("log").resolve(LogDirectory.NODE_FILE)).strip()).isEqualTo("orders-1");
        try (LogDirectory again = LogDirectory.open(settings("orders-1"))) {
            assertThat(again).isNotNull();
        }
    }

    @Test
    void anotherNodeIdOnTheSameDirectoryIsRefused() {
        LogDirectory.open(settings("orders-1")).close();

        assertThatThrownBy(() -> LogDirectory.open(settings("orders-2")))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.key()).isEqualTo("nodeId"))
                .hasMessageContaining("belongs to node 'orders-1'")
                .hasMessageContaining("was given node id 'orders-2'");
    }

    @Test
    @SuppressWarnings("try") // the directory is held open, not used
    void aDirectoryHeldByAnotherInstanceIsRefused() {
        try (LogDirectory held = LogDirectory.open(settings("orders-1"))) {
            assertThatThrownBy(() -> LogDirectory.open(settings("orders-1")))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("is in use by another running instance");
        }
    }
}
