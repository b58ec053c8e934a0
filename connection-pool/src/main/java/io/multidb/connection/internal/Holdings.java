package io.multidb.connection.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many connections of one pool one thread holds: the borrowing thread counts its own borrows
 * and returns with plain writes (no shared write on the common path); a connection handed over and
 * returned by another thread is counted apart, atomically.
 *
 * <p>Thread-safety: {@link #borrowed} is written only by the owning thread; {@link #held()} is
 * exact when called by it.
 */
final class Holdings {
    /** Borrowed minus returned, both by the owning thread. */
    int borrowed;
    /** Connections borrowed by the owning thread and returned by another one. */
    final AtomicInteger returnedElsewhere = new AtomicInteger();

    int held() {
        return borrowed - returnedElsewhere.get();
    }
}
