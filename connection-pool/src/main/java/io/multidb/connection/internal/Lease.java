package io.multidb.connection.internal;

/**
 * What a borrower keeps between {@link LabelPool#borrow(Lease)} and
 * {@link LabelPool#giveBack(java.sql.Connection, Lease)}: whether the connection came through the fair
 * queue and so holds a place there, and which thread borrowed it. Sessions are their own lease, so
 * borrowing allocates nothing.
 */
abstract class Lease {
    private boolean queued;
    private Holdings holdings;
    private Thread borrower;

    /** @return whether a queue place is held, to be given back with the connection */
    final boolean queued() {
        return queued;
    }

    final void queued(boolean queued) {
        this.queued = queued;
    }

    /** Records the borrowing thread's count, which {@link #returned()} decrements. */
    final void lent(Holdings borrowerHoldings) {
        this.holdings = borrowerHoldings;
        this.borrower = Thread.currentThread();
    }

    /** The connection is back (or evicted): the borrowing thread no longer holds it. */
    final void returned() {
        Holdings h = holdings;
        if (h == null) {
            return;
        }
        holdings = null;
        if (borrower == Thread.currentThread()) {
            h.borrowed--;
        } else {
            h.returnedElsewhere.incrementAndGet();
        }
        borrower = null;
    }
}
