package io.multidb.jta;

import io.multidb.connection.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How {@link JtaSupport} sets up Narayana: where the transaction log lives, which node this
 * instance is, which nodes' in-doubt transactions its recovery may finish, the default transaction
 * timeout, how often recovery scans, and which log store to use. Immutable; every value is
 * validated by {@link Builder#build()}, and a bad value is an error, never adjusted.
 *
 * <pre>{@code
 * JtaSettings settings = JtaSettings.builder()
 *         .logDirectory(Path.of("/var/lib/orders-service/tx-log"))
 *         .nodeId("orders-1")                               // unique per instance, stable across restarts
 *         .defaultTransactionTimeout(Duration.ofSeconds(30))
 *         .build();
 * JtaSupport.enable(settings);
 * }</pre>
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>{@code logDirectory}</td><td>Narayana's transaction log (object store); one directory per
 *       running instance, on durable storage</td><td>required</td></tr>
 *   <tr><td>{@code nodeId}</td><td>this instance's name in every XA branch it creates: 1 to
 *       {@value #MAX_NODE_ID_BYTES} bytes of letters, digits, {@code .}, {@code _}, {@code -};
 *       unique among running instances, the same after a restart</td><td>required</td></tr>
 *   <tr><td>{@code recoveryNodes}</td><td>the node ids whose orphaned branches this instance's
 *       recovery rolls back; {@code "*"} means every node (only when a single instance
 *       runs)</td><td>{@code [nodeId]}</td></tr>
 *   <tr><td>{@code defaultTransactionTimeout}</td><td>how long an XA unit of work may run before
 *       Narayana rolls it back; whole seconds</td><td>60 s</td></tr>
 *   <tr><td>{@code recoveryScanPeriod}</td><td>time between two background recovery passes; whole
 *       seconds</td><td>120 s</td></tr>
 *   <tr><td>{@code recoveryBackoffPeriod}</td><td>pause between the two phases of one recovery pass;
 *       an in-doubt branch without a log entry is rolled back only once it has been seen for this
 *       long; whole seconds</td><td>10 s</td></tr>
 *   <tr><td>{@code logStore}</td><td>{@link LogStore#FILE} or {@link LogStore#JOURNAL}</td>
 *       <td>{@code FILE}</td></tr>
 * </table>
 *
 * <p>Thread-safety: immutable and safe to share; the {@link Builder} is not thread-safe.
 */
public final class JtaSettings {

    /** The most bytes (UTF-8) Narayana keeps of a node identifier. */
    public static final int MAX_NODE_ID_BYTES = 28;
    /** Transaction timeout when none is set. */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(60);
    /** Time between background recovery passes when none is set. */
    public static final Duration DEFAULT_RECOVERY_SCAN_PERIOD = Duration.ofSeconds(120);
    /** Pause between the two phases of a recovery pass when none is set. */
    public static final Duration DEFAULT_RECOVERY_BACKOFF_PERIOD = Duration.ofSeconds(10);

    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]+");
    private static final String ALL_NODES = "*";

    /**
     * Where Narayana keeps its transaction log.
     *
     * <p>Thread-safety: immutable.
     */
    public enum LogStore {
        /**
         * Narayana's default file store ({@code ShadowNoFileLockStore}): one file per transaction,
         * written and forced to disk before the commit phase. Needs nothing else.
         */
        FILE,
        /**
         * Narayana's journal store ({@code HornetqObjectStoreAdaptor}): an append-only journal,
         * fewer file-system operations per transaction. Needs
         * {@code org.apache.activemq:artemis-journal} on the class path.
         */
        JOURNAL
    }

    private final Path logDirectory;
    private final String nodeId;
    private final List<String> recoveryNodes;
    private final Duration defaultTransactionTimeout;
    private final Duration recoveryScanPeriod;
    private final Duration recoveryBackoffPeriod;
    private final LogStore logStore;

    private JtaSettings(Builder b, List<String> recoveryNodes) {
        this.logDirectory = b.logDirectory.toAbsolutePath().normalize();
        this.nodeId = b.nodeId;
        this.recoveryNodes = List.copyOf(recoveryNodes);
        this.defaultTransactionTimeout = b.defaultTransactionTimeout;
        this.recoveryScanPeriod = b.recoveryScanPeriod;
        this.recoveryBackoffPeriod = b.recoveryBackoffPeriod;
        this.logStore = b.logStore;
    }

    /**
     * @return a builder with every default set and neither log directory nor node id
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @return the transaction-log directory, absolute and normalised
     */
    public Path logDirectory() {
        return logDirectory;
    }

    /**
     * @return this instance's node identifier
     */
    public String nodeId() {
        return nodeId;
    }

    /**
     * @return the node ids whose orphaned branches recovery may roll back; contains {@link #nodeId()}
     *     unless it is {@code ["*"]}
     */
    public List<String> recoveryNodes() {
        return recoveryNodes;
    }

    /**
     * @return the timeout of an XA unit of work that does not set its own
     */
    public Duration defaultTransactionTimeout() {
        return defaultTransactionTimeout;
    }

    /**
     * @return the time between background recovery passes
     */
    public Duration recoveryScanPeriod() {
        return recoveryScanPeriod;
    }

    /**
     * @return the pause between the two phases of a recovery pass
     */
    public Duration recoveryBackoffPeriod() {
        return recoveryBackoffPeriod;
    }

    /**
     * @return the log store
     */
    public LogStore logStore() {
        return logStore;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof JtaSettings other)) {
            return false;
        }
        return logDirectory.equals(other.logDirectory) && nodeId.equals(other.nodeId)
                && recoveryNodes.equals(other.recoveryNodes)
                && defaultTransactionTimeout.equals(other.defaultTransactionTimeout)
                && recoveryScanPeriod.equals(other.recoveryScanPeriod)
                && recoveryBackoffPeriod.equals(other.recoveryBackoffPeriod) && logStore == other.logStore;
    }

    @Override
    public int hashCode() {
        return Objects.hash(logDirectory, nodeId, recoveryNodes, defaultTransactionTimeout, recoveryScanPeriod,
                recoveryBackoffPeriod, logStore);
    }

    @Override
    public String toString() {
        return "JtaSettings{logDirectory=" + logDirectory + ", nodeId=" + nodeId + ", recoveryNodes=" + recoveryNodes
                + ", defaultTransactionTimeout=" + defaultTransactionTimeout.toSeconds() + "s, recoveryScanPeriod="
                + recoveryScanPeriod.toSeconds() + "s, recoveryBackoffPeriod=" + recoveryBackoffPeriod.toSeconds()
                + "s, logStore=" + logStore + "}";
    }

    /**
     * Collects the settings; {@link #build()} validates them all at once. Setters never throw, so
     * that every problem is reported by {@code build()} with the setting it concerns.
     *
     * <p>Thread-safety: not thread-safe; use one builder per thread.
     */
    public static final class Builder {
        private Path logDirectory;
        private String nodeId;
        private List<String> recoveryNodes;
        private Duration defaultTransactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private Duration recoveryScanPeriod = DEFAULT_RECOVERY_SCAN_PERIOD;
        private Duration recoveryBackoffPeriod = DEFAULT_RECOVERY_BACKOFF_PERIOD;
        private LogStore logStore = LogStore.FILE;

        private Builder() {
        }

        /**
         * @param dir the transaction-log directory; created by {@link JtaSupport#enable} if missing.
         *            Give each running instance its own, on storage that survives a restart.
         * @return this builder
         */
        public Builder logDirectory(Path dir) {
            this.logDirectory = dir;
            return this;
        }

        /**
         * @param id this instance's node identifier: 1 to {@value #MAX_NODE_ID_BYTES} bytes of
         *           {@code [A-Za-z0-9._-]}, unique among running instances and the same after
         *           every restart (for example the host name of a stateful-set pod)
         * @return this builder
         */
        public Builder nodeId(String id) {
            this.nodeId = id;
            return this;
        }

        /**
         * @param nodeIds the node ids whose orphaned branches this instance's recovery rolls back;
         *                {@code List.of("*")} for all. Must include this node's own id.
         * @return this builder
         */
        public Builder recoveryNodes(Collection<String> nodeIds) {
            this.recoveryNodes = nodeIds == null ? null : new ArrayList<>(nodeIds);
            return this;
        }

        /**
         * @param timeout the timeout of XA units of work that do not set their own; whole seconds,
         *                at least one
         * @return this builder
         */
        public Builder defaultTransactionTimeout(Duration timeout) {
            this.defaultTransactionTimeout = timeout;
            return this;
        }

        /**
         * @param period time between background recovery passes; whole seconds, at least one
         * @return this builder
         */
        public Builder recoveryScanPeriod(Duration period) {
            this.recoveryScanPeriod = period;
            return this;
        }

        /**
         * @param period pause between the two phases of one recovery pass; whole seconds, at least
         *               one
         * @return this builder
         */
        public Builder recoveryBackoffPeriod(Duration period) {
            this.recoveryBackoffPeriod = period;
            return this;
        }

        /**
         * @param store the log store
         * @return this builder
         */
        public Builder logStore(LogStore store) {
            this.logStore = store;
            return this;
        }

        /**
         * @return the validated settings
         * @throws ConfigurationException naming the first setting that is missing or invalid
         */
        public JtaSettings build() {
            if (logDirectory == null) {
                throw invalid("logDirectory", "JtaSettings: logDirectory is required: the directory where Narayana"
                        + " keeps its transaction log (one per running instance, on durable storage)");
            }
            checkNodeId(nodeId, "nodeId");
            List<String> nodes = recoveryNodes == null ? List.of(nodeId) : recoveryNodes;
            if (nodes.isEmpty()) {
                throw invalid("recoveryNodes", "JtaSettings: recoveryNodes is empty; it must contain this node's id '"
                        + nodeId + "' (or \"*\")");
            }
            for (String node : nodes) {
                if (!ALL_NODES.equals(node)) {
                    checkNodeId(node, "recoveryNodes");
                }
            }
            if (!nodes.contains(nodeId) && !nodes.contains(ALL_NODES)) {
                throw invalid("recoveryNodes", "JtaSettings: recoveryNodes " + nodes + " does not contain this node's"
                        + " id '" + nodeId + "': its own orphaned branches would never be rolled back");
            }
            checkSeconds(defaultTransactionTimeout, "defaultTransactionTimeout");
            checkSeconds(recoveryScanPeriod, "recoveryScanPeriod");
            checkSeconds(recoveryBackoffPeriod, "recoveryBackoffPeriod");
            if (logStore == null) {
                throw invalid("logStore", "JtaSettings: logStore must not be null; use LogStore.FILE (the default)"
                        + " or LogStore.JOURNAL");
            }
            return new JtaSettings(this, nodes);
        }

        private static void checkNodeId(String id, String key) {
            if (id == null || id.isEmpty()) {
                throw invalid(key, "JtaSettings: " + key + " is required: a name for this instance, unique among"
                        + " running instances and stable across its restarts (for example 'orders-1')");
            }
            int bytes = id.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NODE_ID_BYTES) {
                throw invalid(key, "JtaSettings: " + key + " '" + id + "' is " + bytes + " bytes long; Narayana keeps"
                        + " at most " + MAX_NODE_ID_BYTES + " bytes of a node identifier, so a longer one could"
                        + " collide with another node's. Use a shorter id.");
            }
            if (!NODE_ID.matcher(id).matches()) {
                throw invalid(key, "JtaSettings: " + key + " '" + id + "' may contain only letters, digits, '.', '_'"
                        + " and '-'");
            }
        }

        private static void checkSeconds(Duration d, String key) {
            if (d == null) {
                throw invalid(key, "JtaSettings: " + key + " must not be null");
            }
            if (d.isNegative() || d.isZero() || d.getNano() != 0) {
                throw invalid(key, "JtaSettings: " + key + " must be a whole number of seconds, at least 1, but is "
                        + d + "; Narayana counts it in seconds");
            }
            if (d.getSeconds() > Integer.MAX_VALUE) {
                throw invalid(key, "JtaSettings: " + key + " " + d + " is too long");
            }
        }

        private static ConfigurationException invalid(String key, String message) {
            return new ConfigurationException(null, key, message);
        }
    }
}
