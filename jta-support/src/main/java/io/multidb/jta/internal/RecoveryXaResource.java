package io.multidb.jta.internal;

import io.multidb.connection.spi.XaEngine;
import java.sql.SQLException;
import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.jboss.tm.XAResourceWrapper;

/**
 * What one recovery pass sees of a label: lists the database's prepared branches on a connection
 * held from {@code TMSTARTRSCAN} to {@code TMENDRSCAN}, and commits or rolls back a branch on a
 * fresh connection of its own. Named after the label, so that Narayana matches it with the branch
 * records of its log.
 *
 * <p>H2 keeps a per-connection flag that only {@code recover} sets, and without it
 * {@code rollback(xid)} of a prepared branch rolls back nothing; so on H2 (and any engine whose
 * {@link XaEngine#listsBranchesBeforeResolving()}) the fresh connection lists the branches first.
 *
 * <p>Thread-safety: used by one recovery pass at a time.
 */
final class RecoveryXaResource implements XAResourceWrapper {
    private final String label;
    private final XaConnectionSource source;
    private XAConnection scan;
    private XAResource scanResource;

    RecoveryXaResource(String label, XaConnectionSource source) {
        this.label = label;
        this.source = source;
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & TMSTARTRSCAN) != 0 || scan == null) {
            closeScan();
            try {
                scan = source.openForRecovery();
                scanResource = LostConnectionXaResource.wrap(scan.getXAResource());
            } catch (SQLException e) {
                closeScan();
                throw failure(e);
            }
        }
        try {
            return scanResource.recover(flag);
        } finally {
            if ((flag & TMENDRSCAN) != 0) {
                closeScan();
            }
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        on(r -> r.commit(xid, onePhase));
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        on(r -> r.rollback(xid));
    }

    @Override
    public void forget(Xid xid) throws XAException {
        on(r -> r.forget(xid));
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        on(r -> r.end(xid, flags));
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        throw new XAException(XAException.XAER_PROTO);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        throw new XAException(XAException.XAER_PROTO);
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof RecoveryXaResource r && r.label.equals(label);
    }

    @Override
    public XAResource getResource() {
        return scanResource;
    }

    @Override
    public String getProductName() {
        return source.engine().key();
    }

    @Override
    public String getProductVersion() {
        return "";
    }

    @Override
    public String getJndiName() {
        return label;
    }

    @Override
    public String toString() {
        return "RecoveryXaResource{label=" + label + "}";
    }

    private void on(XaCall call) throws XAException {
        XAConnection connection;
        try {
            connection = source.openForRecovery();
        } catch (SQLException e) {
            throw failure(e);
        }
        try {
            XAResource resource = LostConnectionXaResource.wrap(connection.getXAResource());
            if (source.xaEngine().listsBranchesBeforeResolving()) {
                resource.recover(TMSTARTRSCAN | TMENDRSCAN);
            }
            call.run(resource);
        } catch (SQLException e) {
            throw failure(e);
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // the branch's outcome is already decided; a close failure changes nothing
            }
        }
    }

    private void closeScan() {
        XAConnection c = scan;
        scan = null;
        scanResource = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                // only used to list branches
            }
        }
    }

    private XAException failure(SQLException e) {
        XAException xa = new XAException("Database '" + label + "': cannot reach it for recovery: "
                + source.scrub(e.getMessage()));
        xa.errorCode = XAException.XAER_RMFAIL;
        xa.initCause(e);
        return xa;
    }

    /** One call on a resource. */
    @FunctionalInterface
    private interface XaCall {
        void run(XAResource resource) throws XAException, SQLException;
    }
}
