/**
 * Labelled connection pools to several databases, sessions by label, and units of work over
 * several labels.
 *
 * <h2>Two doors to one core</h2>
 * <p>The static facade is what users of the Python original know: {@link
 * io.multidb.connection.ConnectionPool#configure(java.util.Map)} once at start-up, then {@link
 * io.multidb.connection.DatabaseManager#getSession(String)} anywhere.
 * <pre>{@code
 * ConnectionPool.configure(Map.of("main", Map.of("engine", "h2", "db", ":memory:")));
 * try (Session s = DatabaseManager.getSession("main")) {
 *     s.execute("create table t (id int)");
 *     s.commit();
 * }
 * ConnectionPool.closeAllConnections();
 * }</pre>
 * <p>Under it lies one object, a {@link io.multidb.connection.MultiDb}: the labels, their pools,
 * sessions, units of work, data sources, statistics and close, built from the same configuration.
 * An application, a module of one, or a test can create its own instances; several live side by
 * side in one JVM and close independently. The facade delegates every call to its current
 * instance, which {@link io.multidb.connection.ConnectionPool#instance()} hands to code written
 * against instances.
 * <pre>{@code
 * try (MultiDb db = MultiDb.create(Map.of("main", Map.of("engine", "h2", "db", ":memory:")))) {
 *     db.inTransaction("main", s -> s.execute("create table t (id int)"));
 *     long n = db.read("main", s -> s.query(Long.class, "select count(*) from t").get(0));
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 * <p>A label's configuration is a map of snake_case keys (as in the Python original), a
 * properties file, the environment, or a {@link io.multidb.connection.DatabaseConfig} built in
 * code. Every key is declared once, with its type, default, bounds and sources; a wrong key or
 * value is a {@link io.multidb.connection.ConfigurationException} naming the label and the key,
 * raised before any pool exists.
 *
 * <h2>Sessions and units of work</h2>
 * <ul>
 *   <li>{@link io.multidb.connection.Session}: one connection of one label, borrowed at its first
 *       statement, for one thread at a time; closing it rolls back what was not committed.</li>
 *   <li>Read-only sessions ({@code readSession}, {@code read}) run in auto-commit on a label's
 *       second, read-only pool: one round trip per query.</li>
 *   <li>{@link io.multidb.connection.UnitOfWork}: several labels committed as one, by XA two-phase
 *       commit ({@link io.multidb.connection.TransactionMode#XA}, with {@code multidb-jta-support})
 *       or one after the other ({@link io.multidb.connection.TransactionMode#BEST_EFFORT}); an XA
 *       unit of work may carry its own timeout.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * <p>Every exception is unchecked and extends {@link io.multidb.connection.MultiDbException}; each
 * names the label it concerns, and none ever shows a password.
 *
 * <h2>Modules</h2>
 * <p>This package and {@link io.multidb.connection.spi} are the module {@code io.multidb.connection}'s
 * exports; {@code io.multidb.connection.internal} and its sub-packages are not API and are not
 * exported. {@code multidb-testkit} offers JUnit 5 support for code that uses this package.
 *
 * <p>Thread-safety: the facade, {@code MultiDb}, configurations and statistics are thread-safe;
 * a session is used by one thread at a time.
 */
package io.multidb.connection;
