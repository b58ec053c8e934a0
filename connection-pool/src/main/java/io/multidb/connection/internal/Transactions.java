package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.PartialCommitException;
import io.multidb.connection.SessionCallback;
import io.multidb.connection.TransactionMode;
import io.multidb.connection.UnitOfWorkCallback;
import io.multidb.connection.spi.XaProvider;
import io.multidb.connection.spi.XaTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs units of work. One label: a local transaction. Several: XA through the provider, or
 * best-effort local commits in the order given; {@code AUTO} picks XA only when every label is
 * XA-capable and otherwise refuses before touching any database.
 */
public final class Transactions {
    private static final String XA_WAY_OUT = "enable XA (add io.multidb:multidb-jta-support, call"
            + " JtaSupport.enable(...) at start-up and set xa: true on each label)";

    private Transactions() {
    }

    /**
     * @param registry the configured pools
     * @param label    the label
     * @param work     the work; commits when it returns, rolls back when it throws
     * @param <R>      result type
     * @param <X>      checked exception of the work
     * @return what the work returned
     * @throws X what the work threw, after rollback
     */
    public static <R, X extends Exception> R inTransaction(Registry registry, String label,
            SessionCallback<R, X> work) throws X {
        SessionImpl session = new SessionImpl(registry.pool(label), true);
        R result;
        try {
            result = work.apply(session);
            session.commitNow();
        } catch (Throwable t) {
            rollback(session, t);
            release(session, false, t);
            throw t;
        }
        release(session, false, null);
        return result;
    }

    /**
     * @param registry the configured pools
     * @param mode     the mode asked for
     * @param timeout  the XA transaction timeout, or {@code null} for the provider's default
     * @param labels   the labels, in commit order
     * @param work     the work
     * @param <R>      result type
     * @param <X>      checked exception of the work
     * @return what the work returned
     * @throws X what the work threw, after every label was rolled back
     */
    public static <R, X extends Exception> R inTransaction(Registry registry, TransactionMode mode,
            Duration timeout, Collection<String> labels, UnitOfWorkCallback<R, X> work) throws X {
        if (mode == null) {
            throw new IllegalArgumentException("TransactionMode must not be null");
        }
        checkTimeout(timeout);
        Map<String, LabelPool> pools = resolve(registry, labels);
        boolean allXa = pools.values().stream().allMatch(XaLabelPool.class::isInstance);
        switch (mode) {
            case XA -> {
                requireXa(pools, "TransactionMode.XA needs every label configured with xa: true");
                return xa(pools, timeout, work);
            }
            case AUTO -> {
                if (pools.size() == 1) {
                    refuseLocalTimeout(timeout, pools, "one label under TransactionMode.AUTO is a local transaction");
                    return local(pools, mode, work);
                }
                if (!allXa) {
                    throw new ConfigurationException(firstNonXa(pools), "xa", "Cannot run one atomic transaction over "
                            + pools.keySet() + ": " + nonXa(pools) + " not configured with xa: true, and"
                            + " TransactionMode.AUTO never falls back to separate commits. Either " + XA_WAY_OUT
                            + ", or ask for TransactionMode.BEST_EFFORT, which commits the labels one by one in the"
                            + " order given and reports a PartialCommitException if a later commit fails.");
                }
                return xa(pools, timeout, work);
            }
            case BEST_EFFORT -> {
                refuseLocalTimeout(timeout, pools, "TransactionMode.BEST_EFFORT commits local transactions");
                return local(pools, mode, work);
            }
            default -> throw new IllegalArgumentException("Unknown mode " + mode);
        }
    }

    /** A JTA transaction timeout is whole seconds ({@code setTransactionTimeout(int)}): nothing is rounded. */
    private static void checkTimeout(Duration timeout) {
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.getNano() != 0
                || timeout.getSeconds() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("An XA transaction timeout must be a whole number of seconds, at least"
                    + " 1, but is " + timeout);
        }
    }

    private static void refuseLocalTimeout(Duration timeout, Map<String, LabelPool> pools, String why) {
        if (timeout != null) {
            throw new IllegalArgumentException("A transaction timeout (" + timeout + ") applies to XA units of work"
                    + " only, and the unit of work over " + pools.keySet() + " is not one: " + why + ", which no"
                    + " transaction manager times out. Leave the timeout out, or use TransactionMode.XA over labels"
                    + " configured with xa: true.");
        }
    }

    private static Map<String, LabelPool> resolve(Registry registry, Collection<String> labels) {
        if (labels == null || labels.isEmpty()) {
            throw new IllegalArgumentException("A unit of work needs at least one label");
        }
        Map<String, LabelPool> pools = new LinkedHashMap<>();
        for (String label : labels) {
            if (pools.put(label, registry.pool(label)) != null) {
                throw new IllegalArgumentException("Label '" + label + "' is given twice in " + labels);
            }
        }
        return pools;
    }

    private static void requireXa(Map<String, LabelPool> pools, String why) {
        List<String> nonXa = nonXa(pools);
        if (!nonXa.isEmpty()) {
            throw new ConfigurationException(nonXa.get(0), "xa", why + ", but " + nonXa + (nonXa.size() == 1 ? " is"
                    : " are") + " not. Either " + XA_WAY_OUT + ", or use TransactionMode.BEST_EFFORT.");
        }
    }

    private static List<String> nonXa(Map<String, LabelPool> pools) {
        List<String> out = new ArrayList<>();
        pools.forEach((label, p) -> {
            if (!(p instanceof XaLabelPool)) {
                out.add(label);
            }
        });
        return out;
    }

    private static String firstNonXa(Map<String, LabelPool> pools) {
        return nonXa(pools).stream().findFirst().orElse(null);
    }

    private static <R, X extends Exception> R local(Map<String, LabelPool> pools, TransactionMode mode,
            UnitOfWorkCallback<R, X> work) throws X {
        UnitOfWorkImpl unit = new UnitOfWorkImpl(pools, mode);
        R result;
        try {
            result = work.apply(unit);
        } catch (Throwable t) {
            for (String label : pools.keySet()) {
                rollback(unit.opened(label), t);
            }
            releaseAll(unit, pools, t);
            throw t;
        }
        commitInOrder(unit, pools);
        releaseAll(unit, pools, null);
        return result;
    }

    private static void commitInOrder(UnitOfWorkImpl unit, Map<String, LabelPool> pools) {
        List<String> order = new ArrayList<>(pools.keySet());
        for (int k = 0; k < order.size(); k++) {
            SessionImpl session = unit.opened(order.get(k));
            try {
                if (session != null) {
                    session.commitNow();
                }
            } catch (RuntimeException failure) {
                RuntimeException reported = k == 0 ? failure
                        : new PartialCommitException(order.subList(0, k), order.get(k),
                                order.subList(k + 1, order.size()), failure);
                for (int j = k; j < order.size(); j++) {
                    rollback(unit.opened(order.get(j)), reported);
                }
                releaseAll(unit, pools, reported);
                throw reported;
            }
        }
    }

    private static <R, X extends Exception> R xa(Map<String, LabelPool> pools, Duration timeout,
            UnitOfWorkCallback<R, X> work) throws X {
        XaProvider provider = ((XaLabelPool) pools.values().iterator().next()).provider();
        XaTransaction tx = provider.begin(List.copyOf(pools.keySet()), timeout);
        UnitOfWorkImpl unit = new UnitOfWorkImpl(pools, TransactionMode.XA);
        R result;
        try {
            result = work.apply(unit);
            // JTA order: the sessions close their connections while the transaction is still active (the XA
            // pool keeps each enlisted until the transaction completes, then takes it back), then it completes
            releaseAll(unit, pools, null);
        } catch (Throwable t) {
            releaseAll(unit, pools, t);
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                t.addSuppressed(rollbackFailure);
            }
            throw t;
        }
        tx.commit();
        return result;
    }

    private static void rollback(SessionImpl session, Throwable primary) {
        if (session == null) {
            return;
        }
        try {
            session.rollbackNow();
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }

    private static void releaseAll(UnitOfWorkImpl unit, Map<String, LabelPool> pools, Throwable primary) {
        RuntimeException first = null;
        for (String label : pools.keySet()) {
            SessionImpl s = unit.opened(label);
            if (s == null) {
                continue;
            }
            try {
                s.release(false);
            } catch (RuntimeException e) {
                if (primary != null) {
                    primary.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void release(SessionImpl session, boolean rollback, Throwable primary) {
        try {
            session.release(rollback);
        } catch (RuntimeException e) {
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }
}
