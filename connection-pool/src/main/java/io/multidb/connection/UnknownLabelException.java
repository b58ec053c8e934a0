package io.multidb.connection;

import io.multidb.connection.internal.Suggestions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * No database is configured under the label that was asked for. The message lists the configured
 * labels and suggests the closest one:
 * {@code No database is configured with label 'audti_db'. Configured labels: [audit_db, default_db].
 * Did you mean 'audit_db'?}
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession(tenantLabel)) {
 *     ...
 * } catch (UnknownLabelException e) {
 *     throw new NotFoundException("no such tenant: " + e.label());
 * }
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public class UnknownLabelException extends MultiDbException {
    private static final long serialVersionUID = 1L;

    private final String label;
    @SuppressWarnings("serial") // List.copyOf returns a serializable list
    private final List<String> configuredLabels;

    /**
     * @param label            the label that was asked for
     * @param configuredLabels the labels that are configured
     * @param suggestion       the closest configured label, or {@code null} when none is close
     */
    public UnknownLabelException(String label, Set<String> configuredLabels, String suggestion) {
        super(message(label, configuredLabels, suggestion));
        this.label = label;
        this.configuredLabels = List.copyOf(new TreeSet<>(configuredLabels));
    }

    private static String message(String label, Set<String> configured, String suggestion) {
        String text = "No database is configured with label '" + label + "'. Configured labels: "
                + new TreeSet<>(configured) + ".";
        return suggestion == null ? text : text + " " + Suggestions.didYouMean(suggestion);
    }

    /**
     * @return the label that was asked for
     */
    public String label() {
        return label;
    }

    /**
     * @return the configured labels, sorted
     */
    public List<String> configuredLabels() {
        return configuredLabels;
    }
}
