package io.multidb.jta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Enabling, shutting down and exiting, each in a child JVM of its own. */
class LifecycleTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void enableJta() {
        TestJta.enable();
    }

    private Map<String, Map<String, Object>> h2Labels() {
        Map<String, Map<String, Object>> labels = new LinkedHashMap<>();
        for (String label : new String[] {"first", "second"}) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("url", "jdbc:h2:file:" + tmp.resolve(label).toAbsolutePath() + ";INIT=create table if not"
                    + " exists accounts (id int primary key, balance int not null)");
            config.put("user", "sa");
            config.put("xa", true);
            config.put("pool_size", 2);
            labels.put(label, config);
        }
        return labels;
    }

    @ParameterizedTest
    @EnumSource(JtaSettings.LogStore.class)
    void aJvmThatClosesThePoolsAndShutsDownExitsWithoutThreadsOrListeningSockets(JtaSettings.LogStore store)
            throws Exception {
        ChildJvm child = ChildJvm.run(tmp, "exit", "exit-test", tmp.resolve("log"), h2Labels(),
                List.of("-D" + XaChild.LOG_STORE_PROPERTY + "=" + store));

        assertThat(child.exitCode()).as(child.toString()).isZero();
        assertThat(child.result("nonDaemonThreads")).as(child.toString()).isEmpty();
        assertThat(child.result("listeningSockets")).as(child.toString()).isEqualTo("0");
        assertThat(child.result("reenable")).as(child.toString())
                .contains("JtaSupport.shutdown() has been called in this JVM");
    }

    @Test
    void xaWithoutEnablingJtaSupportIsAConfigurationErrorThatSaysWhatToCall() throws Exception {
        ChildJvm child = ChildJvm.run(tmp, "not-enabled", "unused", tmp.resolve("log"), h2Labels(), List.of());

        assertThat(child.output()).as(child.toString())
                .contains("RESULT ConfigurationException: Database 'first': xa is true but JTA support is not enabled:"
                        + " call JtaSupport.enable(");
    }

    @Test
    void aLogDirectoryHeldByARunningInstanceIsRefused() throws Exception {
        JtaSettings mine = TestJta.settings();

        ChildJvm child = ChildJvm.run(tmp, "enable", mine.nodeId(), mine.logDirectory(), h2Labels(), List.of());

        assertThat(child.result("enable")).as(child.toString())
                .startsWith("ConfigurationException")
                .contains("is in use by another running instance");
    }

    @Test
    void enablingAgainWithOtherSettingsIsRefusedAndWithTheSameSettingsIsANoOp() {
        JtaSupport.enable(TestJta.settings());

        JtaSettings other = JtaSettings.builder().logDirectory(tmp).nodeId("other").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JtaSupport.enable(other))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already enabled")
                .hasMessageContaining("need a new JVM");
        assertThat(JtaSupport.isEnabled()).isTrue();
    }
}
