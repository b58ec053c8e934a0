package io.multidb.jta;

import java.io.Serializable;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An extra participant that kills its JVM with {@code Runtime.halt} in the phase named by the
 * system property {@value #HALT_PROPERTY} ({@code prepare}, or {@code commit} and
 * {@code last-commit}, which {@link XaChild} enlist it first and last for); otherwise it votes yes
 * and commits. Serializable, so that Narayana writes it into the transaction log and a
 * recovering JVM (without the property) can finish it.
 */
public final class HaltingXaResource implements XAResource, Serializable {
    /** System property naming the phase to die in. */
    public static final String HALT_PROPERTY = "multidb.test.haltIn";
    private static final long serialVersionUID = 1L;

    private static void haltIf(String phase) {
        if (phase.equals(System.getProperty(HALT_PROPERTY))) {
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public int prepare(Xid xid) {
        haltIf("prepare");
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        haltIf("commit");
        haltIf("last-commit");
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
