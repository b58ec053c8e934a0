package io.multidb.connection.internal;

/**
 * What a borrower keeps between {@link LabelPool#borrow(Lease)} and
 * {@link LabelPool#giveBack(java.sql.Connection, Lease)}: whether the connection came through the fair
 * queue and so holds a place there. Sessions are their own lease, so borrowing allocates nothing.
 */
abstract class Lease {
    private boolean queued;

    /** @return whether a queue place is held, to be given back with the connection */
    final boolean queued() {
        return queued;
    }

    final void queued(boolean queued) {
        this.queued = queued;
    }
}
