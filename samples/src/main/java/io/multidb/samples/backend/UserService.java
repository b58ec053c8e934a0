package io.multidb.samples.backend;

import io.multidb.connection.DatabaseManager;
import io.multidb.connection.MultiDbException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service of the multi-database guide: users and posts live in the primary database; each new
 * user is copied to the analytics database on a best-effort basis; any database can be read from;
 * and a user can be synchronised to every database with a per-label report.
 *
 * <p>Thread-safety: immutable; every call opens its own sessions.
 */
public final class UserService {
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final String primary;
    private final String analytics;
    private final List<String> allLabels;

    /**
     * @param primary   the label of the primary database (users and posts)
     * @param analytics the label of the analytics database (a copy of users)
     * @param allLabels every label that keeps users, in the order to synchronise them
     */
    public UserService(String primary, String analytics, List<String> allLabels) {
        this.primary = primary;
        this.analytics = analytics;
        this.allLabels = List.copyOf(allLabels);
    }

    /**
     * Creates a user and a welcome post in the primary database, in one transaction, then copies
     * the user to analytics. A failure of that copy is logged (and reported in the result) but does
     * not fail the registration.
     *
     * @param name  display name
     * @param email e-mail address
     * @return the stored user and post
     */
    public Registration createUserWithWelcomePost(String name, String email) {
        Instant now = Instant.now();
        User user = new User(UUID.randomUUID(), now, now, name, email, true);
        Post welcome = new Post(UUID.randomUUID(), now, now, "Welcome!", "Welcome " + name + "!", user.id(), false);
        DatabaseManager.inTransaction(primary, s -> {
            new UserDao(s).insert(user);
            new PostDao(s).insert(welcome);
            return null;
        });
        return new Registration(user, welcome, replicateToAnalytics(user));
    }

    private boolean replicateToAnalytics(User user) {
        try {
            DatabaseManager.inTransaction(analytics, s -> new UserDao(s).insert(user));
            return true;
        } catch (MultiDbException e) {
            // the user exists in the primary database; analytics catches up at the next sync
            LOG.warn("Failed to replicate user {} to '{}': {}", user.email(), analytics, firstLine(e.getMessage()));
            return false;
        }
    }

    /**
     * @param id     a user id
     * @param source the label to read from
     * @return the user as stored there, if it is
     */
    public Optional<User> getUser(UUID id, String source) {
        return DatabaseManager.inTransaction(source, s -> new UserDao(s).findById(id));
    }

    /**
     * Makes sure the user exists, as given, in every database: each label is attempted in its own
     * transaction, and its outcome recorded.
     *
     * @param user the user
     * @return the outcome per label
     */
    public SyncReport syncUserToAllDatabases(User user) {
        Map<String, SyncReport.Outcome> outcomes = new LinkedHashMap<>();
        for (String label : allLabels) {
            try {
                DatabaseManager.inTransaction(label, s -> {
                    new UserDao(s).save(user);
                    return null;
                });
                outcomes.put(label, SyncReport.Outcome.ok());
            } catch (MultiDbException e) {
                LOG.warn("Failed to sync user {} to '{}': {}", user.email(), label, firstLine(e.getMessage()));
                outcomes.put(label, SyncReport.Outcome.failed(e));
            }
        }
        return new SyncReport(outcomes);
    }

    private static String firstLine(String message) {
        int newline = message == null ? -1 : message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
