package io.multidb.jta.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.jta.JtaSettings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The transaction-log directory of a running instance, held for as long as JTA support is enabled.
 *
 * <p>Two guards that Narayana does not have when its status sockets are off:
 * <ul>
 *   <li>an exclusive OS file lock: a second live process on the same directory would replay this
 *       process's in-flight transactions as if it had crashed; the operating system releases the
 *       lock when the process dies, so a restart after a crash takes it over;</li>
 *   <li>the node id is written down on first use and checked on every later start: branches of an
 *       instance that came back under another id would never be recognised as its own.</li>
 * </ul>
 */
final class LogDirectory implements AutoCloseable {
    static final String LOCK_FILE = "multidb-jta.lock";
    static final String NODE_FILE = "multidb-jta.node";

    private final FileChannel channel;
    private final FileLock lock;

    private LogDirectory(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param settings the settings naming the directory and the node id
     * @return the held directory
     * @throws ConfigurationException when the directory cannot be used, is held by another process,
     *     or belongs to another node id
     */
    static LogDirectory open(JtaSettings settings) {
        Path dir = settings.logDirectory();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationException(null, "logDirectory", "JtaSettings: cannot create the transaction-log"
                    + " directory " + dir + ": " + e);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ConfigurationException(null, "logDirectory", "JtaSettings: cannot write to the transaction-log"
                    + " directory " + dir + ": " + e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new ConfigurationException(null, "logDirectory", "JtaSettings: the transaction-log directory " + dir
                    + " is in use by another running instance (it holds " + LOCK_FILE + "). Each running instance"
                    + " needs its own log directory and its own node id.");
        }
        LogDirectory held = new LogDirectory(channel, lock);
        try {
            checkNodeId(dir.resolve(NODE_FILE), settings.nodeId());
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
        return held;
    }

    private static void checkNodeId(Path file, String nodeId) {
        try {
            if (Files.exists(file)) {
                String recorded = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!recorded.equals(nodeId)) {
                    throw new ConfigurationException(null, "nodeId", "JtaSettings: the transaction-log directory "
                            + file.getParent() + " belongs to node '" + recorded + "', but this instance was given"
                            + " node id '" + nodeId + "'. A node id must stay the same across restarts, or recovery"
                            + " cannot recognise the node's own in-doubt branches: use '" + recorded + "' with this"
                            + " directory, or another directory for '" + nodeId + "'.");
                }
            } else {
                Files.writeString(file, nodeId + System.lineSeparator(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ConfigurationException(null, "logDirectory", "JtaSettings: cannot read or write " + file + ": "
                    + e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }
}
