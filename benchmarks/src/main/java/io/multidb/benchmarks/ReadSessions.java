package io.multidb.benchmarks;

import io.multidb.connection.DatabaseManager;
import io.multidb.connection.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where B2 and B8 open the read-only session of issue 12: statements run with auto-commit on and
 * read-only, and closing it rolls nothing back, so a read costs one round trip, as it does through
 * {@code JdbcTemplate} or Jdbi's {@code withHandle}. The library does not offer it yet; until it
 * does, {@link #opener()} is empty, the read-only arms are not run and their rows say
 * {@link #MISSING}. A transactional session must never stand in for it: its close costs the
 * rollback that the arms it is compared with do not pay.
 *
 * <p>When the API exists, {@link #opener()} returns it, in one line, e.g.
 * {@code return Optional.of(DatabaseManager::getReadSession);}. {@link #check(Session)} then makes
 * sure, before anything is measured, that what it opens has the semantics the rows claim.
 */
final class ReadSessions {
    /** The text of a row whose read-only arm could not be measured. */
    static final String MISSING = "not yet available: the library has no read-only session yet (issue 12)";

    private ReadSessions() {
    }

    /**
     * @return how to open a read-only session on a label, or empty while the library has none
     */
    static Optional<Function<String, Session>> opener() {
        return Optional.of(DatabaseManager::getReadSession);
    }

    /**
     * Refuses a "read-only session" whose connection does not run auto-commit and read-only.
     *
     * @param session a session {@link #opener()} opened, not yet used
     * @throws IllegalStateException when it is transactional or writable
     */
    static void check(Session session) {
        Connection c = session.connection();
        try {
            // H2 takes read-only as a hint and reports its database's own state
            boolean h2 = c.getMetaData().getDatabaseProductName().equals("H2");
            if (!c.getAutoCommit() || !c.isReadOnly() && !h2) {
                throw new IllegalStateException("The read-only session of '" + session.label() + "' runs with"
                        + " auto-commit " + c.getAutoCommit() + " and read-only " + c.isReadOnly() + "; the"
                        + " read-only rows of B2 and B8 measure auto-commit, read-only statements");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
