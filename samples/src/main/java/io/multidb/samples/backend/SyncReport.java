package io.multidb.samples.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of copying a user to every database, per label: all labels are attempted, and a
 * failure on one is recorded here rather than thrown.
 *
 * @param outcomes label to outcome, in the order the labels were attempted
 */
public record SyncReport(Map<String, Outcome> outcomes) {

    /**
     * @param outcomes label to outcome; copied
     */
    public SyncReport {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /**
     * @return whether every label succeeded
     */
    public boolean allSucceeded() {
        return outcomes.values().stream().allMatch(Outcome::succeeded);
    }

    /**
     * @return the labels that failed, in order
     */
    public List<String> failedLabels() {
        List<String> failed = new ArrayList<>();
        outcomes.forEach((label, outcome) -> {
            if (!outcome.succeeded()) {
                failed.add(label);
            }
        });
        return failed;
    }

    /**
     * What happened on one label.
     *
     * @param succeeded whether the user is now stored there
     * @param error     why not, or {@code null}
     */
    public record Outcome(boolean succeeded, String error) {
        static Outcome ok() {
            return new Outcome(true, null);
        }

        static Outcome failed(Exception e) {
            String message = String.valueOf(e.getMessage());
            int newline = message.indexOf('\n');
            return new Outcome(false, newline < 0 ? message : message.substring(0, newline));
        }

        @Override
        public String toString() {
            return succeeded ? "ok" : "FAILED: " + error;
        }
    }
}
