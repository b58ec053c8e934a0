package io.multidb.connection.internal;

import io.multidb.connection.ConfigurationException;
import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.LabelSource;
import io.multidb.connection.LabelSourceException;
import io.multidb.connection.MultiDbException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels that a registry does not have, looked up in a {@link LabelSource} and added: one look-up
 * per label however many threads miss it at once (the first thread asks the source, the others wait
 * for its answer), and misses and failures remembered for a while so that a storm of sessions for a
 * label the source lacks, or cannot give, asks the source once per period.
 */
public final class SourcedLabels {
    private static final Logger LOG = LoggerFactory.getLogger(SourcedLabels.class);
    /** Above this many remembered answers, expired ones are swept when a new look-up starts. */
    private static final int SWEEP_ABOVE = 1024;

    /** How a look-up ended: the label added (not kept once settled), unknown, or failed, until {@code expiresAt}. */
    private record Outcome(boolean added, RuntimeException failure, long expiresAt) {
    }

    private final LabelSource source;
    private final Registry registry;
    private final long missNanos;
    private final long failureNanos;
    private final long waitNanos;
    private final LongSupplier nanoTime;
    /** Label → its look-up: pending, or settled as a miss or a failure until it expires. */
    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> lookups = new ConcurrentHashMap<>();

    /**
     * @param source      where labels are looked up
     * @param registry    where found labels are added
     * @param missCache   how long a miss is remembered
     * @param failureCache how long a failure is remembered
     * @param wait        how long a thread waits for another's look-up of the same label
     * @param nanoTime    the clock, in nanoseconds
     */
    public SourcedLabels(LabelSource source, Registry registry, Duration missCache, Duration failureCache,
            Duration wait, LongSupplier nanoTime) {
        this.source = source;
        this.registry = registry;
        this.missNanos = missCache.toNanos();
        this.failureNanos = failureCache.toNanos();
        this.waitNanos = wait.toNanos();
        this.nanoTime = nanoTime;
    }

    /** @return the source */
    public LabelSource source() {
        return source;
    }

    /**
     * Makes sure a label that was not configured is, by asking the source (or waiting for the thread
     * that does). Returns once the label has been added, by this look-up or concurrently by the
     * application; the caller reads the registry again.
     *
     * @param label a label the registry does not have
     * @throws io.multidb.connection.UnknownLabelException when the source does not have it
     * @throws ConfigurationException when its configuration does not validate
     * @throws LabelSourceException when the source failed, or the configuration could not be opened
     */
    void load(String label) {
        while (true) {
            CompletableFuture<Outcome> pending = lookups.get(label);
            if (pending == null) {
                CompletableFuture<Outcome> mine = new CompletableFuture<>();
                if (lookups.putIfAbsent(label, mine) != null) {
                    continue;
                }
                sweepIfLarge();
                settle(label, lookUp(label, mine));
                return;
            }
            Outcome outcome = pending.isDone() ? pending.getNow(null) : await(label, pending);
            if (!outcome.added() && nanoTime.getAsLong() - outcome.expiresAt() >= 0) {
                lookups.remove(label, pending);
                continue;
            }
            settle(label, outcome);
            return;
        }
    }

    /**
     * Forgets a remembered miss or failure of a label (the source reported it changed), so that the
     * next session asks the source again. A look-up in progress is left to finish.
     *
     * @param label a label
     */
    public void forget(String label) {
        lookups.computeIfPresent(label, (l, lookup) -> lookup.isDone() ? null : lookup);
    }

    private Outcome lookUp(String label, CompletableFuture<Outcome> mine) {
        Outcome outcome;
        try {
            Optional<DatabaseConfig> found = source.find(label);
            if (found == null || found.isEmpty()) {
                LOG.debug("Label source has no label '{}'; remembered for {} ms", label, missNanos / 1_000_000);
                outcome = new Outcome(false, null, nanoTime.getAsLong() + missNanos);
            } else {
                if (registry.addIfAbsent(label, found.get())) {
                    LOG.info("Multidb added label '{}' from its label source", label);
                }
                outcome = new Outcome(true, null, 0);
            }
        } catch (io.multidb.connection.PoolClosedException e) {
            lookups.remove(label, mine); // the instance is closed: nothing to remember
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            RuntimeException failure = failure(label, e);
            LOG.warn("{}", failure.getMessage());
            outcome = new Outcome(false, failure, nanoTime.getAsLong() + failureNanos);
        } catch (Error e) {
            lookups.remove(label, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        if (outcome.added()) {
            lookups.remove(label, mine);
        }
        mine.complete(outcome);
        return outcome;
    }

    private Outcome await(String label, CompletableFuture<Outcome> pending) {
        try {
            return pending.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new LabelSourceException(label, "Database '" + label + "' is not configured, and another thread has"
                    + " been looking it up in the label source (" + sourceName() + ") for more than "
                    + waitNanos / 1_000_000 + " ms; try again later", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabelSourceException(label, "Database '" + label + "': interrupted while waiting for another"
                    + " thread's look-up of the label in the label source (" + sourceName() + ")", e);
        } catch (ExecutionException e) {
            throw new LabelSourceException(label, "Database '" + label + "' is not configured, and looking it up in"
                    + " the label source (" + sourceName() + ") failed with " + e.getCause().getClass().getName(),
                    e.getCause());
        }
    }

    /** Returns when the label was added; otherwise throws a fresh exception for this caller. */
    private void settle(String label, Outcome outcome) {
        if (outcome.added()) {
            return;
        }
        RuntimeException failure = outcome.failure();
        if (failure == null) {
            throw registry.unknown(label);
        }
        if (failure instanceof ConfigurationException c) {
            ConfigurationException copy = new ConfigurationException(c.label(), c.key(), c.getMessage());
            copy.initCause(c);
            throw copy;
        }
        throw new LabelSourceException(label, failure.getMessage(), failure.getCause());
    }

    /** A configuration error stays one (it names label and key); anything else becomes a LabelSourceException. */
    private RuntimeException failure(String label, RuntimeException e) {
        if (e instanceof ConfigurationException) {
            return e;
        }
        // a Multidb exception's message is scrubbed of passwords; another's may not be, and is left out
        String detail = e instanceof MultiDbException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                : e.getClass().getName();
        return new LabelSourceException(label, "Database '" + label + "' is not configured, and looking it up in the"
                + " label source (" + sourceName() + ") failed: " + detail + ". Sessions on '" + label
                + "' get this error for " + failureNanos / 1_000_000 + " ms, then the source is asked again.", e);
    }

    private String sourceName() {
        return source.getClass().getName();
    }

    private void sweepIfLarge() {
        if (lookups.size() > SWEEP_ABOVE) {
            long now = nanoTime.getAsLong();
            lookups.values().removeIf(l -> l.isDone() && !l.isCompletedExceptionally()
                    && now - l.getNow(null).expiresAt() >= 0);
        }
    }
}
