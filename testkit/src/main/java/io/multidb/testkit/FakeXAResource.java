package io.multidb.testkit;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An {@link XAResource} for tests, every method given a default: each phase succeeds and does
 * nothing, {@code prepare} votes {@link #XA_OK}, {@code recover} finds no branch in doubt, and a
 * resource is the same resource manager only as itself. A fake overrides the phase it makes fail.
 *
 * <pre>{@code
 * XAResource failsToCommit = new FakeXAResource() {
 *     public void commit(Xid xid, boolean onePhase) throws XAException {
 *         throw new XAException(XAException.XAER_RMFAIL);
 *     }
 * };
 * }</pre>
 *
 * <p>Thread-safety: the defaults hold no state and are thread-safe; an implementation says what it
 * is.
 */
public interface FakeXAResource extends XAResource {

    @Override
    default void start(Xid xid, int flags) throws XAException {
    }

    @Override
    default void end(Xid xid, int flags) throws XAException {
    }

    @Override
    default int prepare(Xid xid) throws XAException {
        return XA_OK;
    }

    @Override
    default void commit(Xid xid, boolean onePhase) throws XAException {
    }

    @Override
    default void rollback(Xid xid) throws XAException {
    }

    @Override
    default void forget(Xid xid) throws XAException {
    }

    @Override
    default Xid[] recover(int flag) throws XAException {
        return new Xid[0];
    }

    @Override
    default boolean isSameRM(XAResource other) throws XAException {
        return other == this;
    }

    @Override
    default int getTransactionTimeout() throws XAException {
        return 0;
    }

    @Override
    default boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
