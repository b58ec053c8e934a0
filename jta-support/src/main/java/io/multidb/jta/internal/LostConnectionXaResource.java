package io.multidb.jta.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A driver's XA resource that reports a lost connection to the database as
 * {@link XAException#XAER_RMFAIL}, whatever code the driver chose.
 *
 * <p>The code decides what Narayana does with the branch, and drivers do not say "resource manager
 * unavailable" when the server goes away:
 * <table>
 *   <caption>A connection lost in phase two</caption>
 *   <tr><th>driver</th><th>its code</th><th>what Narayana then does</th></tr>
 *   <tr><td>pgJDBC</td><td>{@code XAER_RMERR}</td><td>records a heuristic rollback; when it is the first
 *       participant to commit, rolls the others back although the decision was commit; the branch stays
 *       prepared in PostgreSQL and recovery never finishes it</td></tr>
 *   <tr><td>MariaDB Connector/J</td><td>{@code 0}</td><td>records a heuristic hazard and reports a
 *       mixed outcome; the branch stays prepared and recovery never finishes it</td></tr>
 *   <tr><td>this class</td><td>{@code XAER_RMFAIL}</td><td>keeps the branch in the log and lets
 *       recovery commit it once the database is back (in phase one: rolls the transaction back)</td></tr>
 * </table>
 * A one-phase commit (a single branch) is left as the driver reports it: nothing was prepared, so
 * the database has rolled the branch back, and Narayana reads {@code XAER_RMERR} as exactly that.
 * A failure counts as a lost connection when its cause chain holds a connection exception (SQLState
 * class {@code 08}, or PostgreSQL's {@code 57P0x}: the server shut down or is starting) or an
 * {@link IOException}. Only the catch-all codes ({@code 0}, {@code XAER_RMERR}) are replaced; a
 * rollback, heuristic or unknown-branch code from the driver is kept, and so is any other failure.
 *
 * <p>Thread-safety: as thread-safe as the driver's resource.
 */
final class LostConnectionXaResource implements XAResource {
    private static final int MAX_CAUSES = 20;

    private final XAResource delegate;

    private LostConnectionXaResource(XAResource delegate) {
        this.delegate = delegate;
    }

    /**
     * @param resource a driver's XA resource, or {@code null}
     * @return it, reporting a lost connection as {@code XAER_RMFAIL}; {@code null} for {@code null}
     */
    static XAResource wrap(XAResource resource) {
        return resource == null || resource instanceof LostConnectionXaResource ? resource
                : new LostConnectionXaResource(resource);
    }

    /**
     * @param e what a driver's XA resource threw
     * @return an {@code XAER_RMFAIL} exception with {@code e} as cause when {@code e} reports a lost
     *     connection with a catch-all code; otherwise {@code e}
     */
    static XAException classify(XAException e) {
        if ((e.errorCode == 0 || e.errorCode == XAException.XAER_RMERR) && lostConnection(e)) {
            XAException rmfail = new XAException("Connection to the database lost: " + e.getMessage());
            rmfail.errorCode = XAException.XAER_RMFAIL;
            rmfail.initCause(e);
            return rmfail;
        }
        return e;
    }

    private static boolean lostConnection(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_CAUSES; depth++) {
            if (t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return false;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        try {
            delegate.start(xid, flags);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        try {
            delegate.end(xid, flags);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        try {
            return delegate.prepare(xid);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        try {
            delegate.commit(xid, onePhase);
        } catch (XAException e) {
            // one-phase: nothing was prepared, so a lost connection means the database rolled the
            // branch back, which is what the drivers' XAER_RMERR tells Narayana; XAER_RMFAIL would
            // turn it into a heuristic hazard
            throw onePhase ? e : classify(e);
        }
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        try {
            delegate.rollback(xid);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public void forget(Xid xid) throws XAException {
        try {
            delegate.forget(xid);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        try {
            return delegate.recover(flag);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        try {
            return delegate.isSameRM(other instanceof LostConnectionXaResource wrapped ? wrapped.delegate : other);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        try {
            return delegate.getTransactionTimeout();
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        try {
            return delegate.setTransactionTimeout(seconds);
        } catch (XAException e) {
            throw classify(e);
        }
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
