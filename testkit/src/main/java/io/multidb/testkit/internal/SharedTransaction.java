package io.multidb.testkit.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * One physical connection that every pooled connection of one label hands out as a view, for
 * {@code rollbackEachTest()}. Between {@link #begin()} and {@link #end()} (one test) the views'
 * commits set a savepoint instead of committing, their rollbacks go back to the last such
 * savepoint, and {@link #end()} rolls the whole test back. Outside a test the views pass commits
 * and rollbacks through (schema set-up in {@code @BeforeAll} stays).
 *
 * <p>Thread-safety: thread-safe; the physical connection is used by whichever thread calls, as JDBC
 * drivers allow one statement at a time.
 */
final class SharedTransaction {
    private final Connection physical;
    private boolean active;
    private Savepoint committed;

    SharedTransaction(Connection physical) {
        this.physical = physical;
    }

    Connection physical() {
        return physical;
    }

    synchronized boolean active() {
        return active;
    }

    synchronized void begin() throws SQLException {
        if (active) {
            return;
        }
        if (physical.getAutoCommit()) {
            physical.setAutoCommit(false);
        } else {
            physical.commit();
        }
        committed = physical.setSavepoint();
        active = true;
    }

    /** A view's commit during a test: what ran so far survives a later view rollback. */
    synchronized void commitPoint() throws SQLException {
        committed = physical.setSavepoint();
    }

    /** A view's rollback during a test: back to the last commit point. */
    synchronized void rollbackToCommitPoint() throws SQLException {
        physical.rollback(committed);
    }

    /** Rolls back everything the test did. */
    synchronized void end() throws SQLException {
        if (!active) {
            return;
        }
        active = false;
        committed = null;
        physical.rollback();
    }

    synchronized void close() throws SQLException {
        active = false;
        physical.close();
    }
}
