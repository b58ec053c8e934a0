package io.multidb.jta;

import io.multidb.testkit.FakeXAResource;
import java.io.Serializable;
import javax.transaction.xa.Xid;

/**
 * An extra participant that kills its JVM with {@code Runtime.halt} in the phase named by the
 * system property {@value #HALT_PROPERTY} ({@code prepare}, or {@code commit} and
 * {@code last-commit}, which {@link XaChild} enlist it first and last for); otherwise it votes yes
 * and commits. Serializable, so that Narayana writes it into the transaction log and a
 * recovering JVM (without the property) can finish it. Every other phase is
 * {@link FakeXAResource}'s no-op.
 */
public final class HaltingXaResource implements FakeXAResource, Serializable {
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
    public int prepare(Xid xid) {
        haltIf("prepare");
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        haltIf("commit");
        haltIf("last-commit");
    }
}
