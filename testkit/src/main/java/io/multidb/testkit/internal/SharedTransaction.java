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

    /**
     * A view's commit: during a test, a point that a later view rollback returns to (what ran so far
     * survives it); outside a test, a real commit. The check and the action are one step, so a
     * thread still running when a test ends or begins cannot commit into the next test.
     */
    synchronized void commit() throws SQLException {
        if (active) {
            committed = physical.setSavepoint();
        } else {
            physical.commit();
        }
    }

    /** A view's rollback: during a test, back to the last commit point; outside a test, a real rollback. */
    synchronized void rollback() throws SQLException {
        if (active) {
            physical.rollback(committed);
        } else {
            physical.rollback();
        }
    }

    /** A view's {@code setAutoCommit}: passed to the connection outside a test only. */
    synchronized void setAutoCommitOutsideTest(boolean autoCommit) throws SQLException {
        if (!active) {
            physical.setAutoCommit(autoCommit);
        }
    }

    /**
     * @return the connection's auto-commit outside a test; {@code null} during one (the view answers)
     */
    synchronized Boolean autoCommitOutsideTest() throws SQLException {
        return active ? null : physical.getAutoCommit();
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
