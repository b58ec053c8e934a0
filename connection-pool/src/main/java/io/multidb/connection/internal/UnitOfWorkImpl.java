package io.multidb.connection.internal;

import io.multidb.connection.Session;
import io.multidb.connection.TransactionMode;
import io.multidb.connection.UnitOfWork;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The sessions of one unit of work, opened on first request, in the order the labels were given. */
final class UnitOfWorkImpl implements UnitOfWork {
    private final Map<String, LabelPool> pools;
    private final TransactionMode mode;
    private final Map<String, SessionImpl> sessions = new LinkedHashMap<>();

    UnitOfWorkImpl(Map<String, LabelPool> pools, TransactionMode mode) {
        this.pools = pools;
        this.mode = mode;
    }

    @Override
    public Session session(String label) {
        SessionImpl s = sessions.get(label);
        if (s == null) {
            LabelPool pool = pools.get(label);
            if (pool == null) {
                throw new IllegalArgumentException("Database '" + label + "' is not part of this unit of work;"
                        + " its labels are " + pools.keySet());
            }
            s = new SessionImpl(pool, true);
            sessions.put(label, s);
        }
        return s;
    }

    @Override
    public Set<String> labels() {
        return Collections.unmodifiableSet(pools.keySet());
    }

    @Override
    public TransactionMode mode() {
        return mode;
    }

    /**
     * @param label a label of this unit of work
     * @return its session if the work asked for one, else {@code null}
     */
    SessionImpl opened(String label) {
        return sessions.get(label);
    }

    @Override
    public String toString() {
        return "UnitOfWork{mode=" + mode + ", labels=" + pools.keySet() + "}";
    }
}
