package io.multidb.connection;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Supplies the configuration of a label that was not configured up front: a tenant's database,
 * looked up when a session first asks for it. {@link CatalogLabelSource} reads tenants from a
 * table; an application can implement this interface over any other store. An instance asks its
 * source once it is given one with {@link MultiDb#setLabelSource(LabelSource)} (or
 * {@link ConnectionPool#setLabelSource(LabelSource)}).
 *
 * <pre>{@code
 * LabelSource tenants = label -> tenantDirectory.lookup(label)
 *         .map(t -> DatabaseConfig.builder(label).url(t.jdbcUrl()).user(t.user()).password(t.password()).build());
 *
 * tenants.find("acme");      // Optional[DatabaseConfig[label=acme, ...]]
 * tenants.find("nobody");    // Optional.empty(): strict, never a fallback to another database
 * }</pre>
 *
 * <p>The contract between a source and the core that calls it:
 * <ul>
 *   <li>{@link #find} is called once per label, however many threads ask for it at the same moment:
 *       the core makes the call single-flight and keeps the result (a miss, too, for a while), so a
 *       source need not cache.</li>
 *   <li>An empty result means there is no such label: sessions on it get
 *       {@link UnknownLabelException}. A source never answers with another label's configuration.</li>
 *   <li>A source may throw (a catalog row that does not validate is a {@link ConfigurationException},
 *       an unreachable catalog whatever its access threw): that fails the sessions of that label only,
 *       never other labels and never start-up.</li>
 *   <li>A source that can see its labels change (a catalog re-read) reports them through
 *       {@link #onChange}: the core replaces a changed label's pool gracefully and removes a removed
 *       label, as {@code ConnectionPool.addLabel/removeLabel} do.</li>
 * </ul>
 *
 * <p>Thread-safety: implementations must be thread-safe: {@link #find} is called for different
 * labels from several threads at once.
 */
@FunctionalInterface
public interface LabelSource {

    /**
     * Looks up one label.
     *
     * @param label the label a session asked for
     * @return its configuration, whose {@link DatabaseConfig#label()} is {@code label}; empty when
     *     the source has no such label
     * @throws RuntimeException when the label exists but cannot be configured (a
     *     {@link ConfigurationException} naming what is wrong), or the source cannot be read
     */
    Optional<DatabaseConfig> find(String label);

    /**
     * Registers a listener for changes this source detects (a re-read of its store). Sources that
     * never detect changes keep this default, which registers nothing.
     *
     * @param listener called with each non-empty set of changes, on the thread that detected them;
     *                 it must not block for long
     * @return a registration to close when the listener is no longer wanted
     */
    default Subscription onChange(Consumer<? super Changes> listener) {
        Objects.requireNonNull(listener, "listener");
        return () -> { };
    }

    /**
     * What a re-read of a source found different from the previous re-read.
     *
     * <p>{@code changed}: labels that are new, whose configuration differs in any setting, or whose
     * entry stopped (or started) being valid; the core looks each one up again with {@link #find}
     * and replaces the label, or fails it, if it had opened it, and forgets a cached miss.
     * {@code removed}: labels that are gone; the core removes them, as
     * {@code ConnectionPool.removeLabel} does.
     *
     * @param changed labels new, altered or newly invalid, sorted
     * @param removed labels no longer present, sorted
     */
    record Changes(Set<String> changed, Set<String> removed) {
        /** No change. */
        public static final Changes NONE = new Changes(Set.of(), Set.of());

        /**
         * @param changed labels new, altered or newly invalid
         * @param removed labels no longer present
         */
        public Changes {
            changed = java.util.Collections.unmodifiableSet(new TreeSet<>(changed));
            removed = java.util.Collections.unmodifiableSet(new TreeSet<>(removed));
        }

        /**
         * @return whether nothing changed
         */
        public boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * A registered listener; closing it unregisters the listener. Closing twice is harmless.
     */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        /** Unregisters the listener. */
        @Override
        void close();
    }
}
