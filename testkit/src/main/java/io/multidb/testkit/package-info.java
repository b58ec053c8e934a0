/**
 * Test kit: real databases for Multidb's tests, shared with the other modules through the
 * {@code multidb-connection-pool} test-jar.
 *
 * <p>Two annotations give a test a {@link io.multidb.testkit.TestDatabase}:
 * <ul>
 *   <li>{@link io.multidb.testkit.AllEngines @AllEngines} runs a method once per engine
 *       (H2, PostgreSQL and MariaDB unless told otherwise), shown as {@code [h2]},
 *       {@code [postgresql]}, {@code [mariadb]};</li>
 *   <li>{@link io.multidb.testkit.RequiresEngine @RequiresEngine} makes a plain {@code @Test}
 *       method or a whole class need one or more specific engines.</li>
 * </ul>
 *
 * <h2>Where the servers are, and what happens when one is missing</h2>
 * <p>H2 runs in memory and is always there. The other engines are live servers found through
 * environment variables, each with {@code _USER} and {@code _PASSWORD} companions:
 * <table>
 *   <caption>Servers</caption>
 *   <tr><th>engine</th><th>URL variable</th><th>default</th></tr>
 *   <tr><td>postgresql</td><td>{@code MULTIDB_TEST_POSTGRESQL_URL}</td>
 *       <td>{@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}, no password</td></tr>
 *   <tr><td>mariadb</td><td>{@code MULTIDB_TEST_MARIADB_URL}</td>
 *       <td>{@code jdbc:mariadb://127.0.0.1:3306/test}, user {@code root}, empty password</td></tr>
 *   <tr><td>oracle</td><td>{@code MULTIDB_TEST_ORACLE_URL}</td><td>none: its tests need the variable</td></tr>
 *   <tr><td>sqlserver</td><td>{@code MULTIDB_TEST_SQLSERVER_URL}</td><td>none: its tests need the variable</td></tr>
 * </table>
 *
 * <p>Each server is probed once per JVM (10-second connect and login timeout) and the answer is
 * cached. When a server does not answer, or its URL variable is not set, its tests are
 * <em>skipped</em> with a reason naming the URL (passwords removed) and the error &mdash; unless
 * {@code MULTIDB_TEST_REQUIRE} names the engine (a comma-separated, case-insensitive list of
 * {@code postgresql}, {@code mariadb}, {@code h2}, {@code oracle}, {@code sqlserver}); then
 * they <em>fail</em> with that reason. CI sets {@code MULTIDB_TEST_REQUIRE=postgresql,mariadb}
 * so that it can never pass by skipping. An unknown name in that variable fails every test that
 * uses the kit rather than being ignored.
 *
 * <p>{@code scripts/prepare-databases.sh} starts the local PostgreSQL and MariaDB, raises
 * PostgreSQL's {@code max_prepared_transactions} (needed for XA) and creates the databases
 * {@code test} and {@code test2}.
 *
 * <h2>Isolation</h2>
 * <p>{@link io.multidb.testkit.TestDatabase#freshConfig()} creates an empty namespace for the
 * calling test (an H2 in-memory database, a PostgreSQL schema, a MariaDB database, ...) and
 * returns a Multidb configuration map for it. Every namespace is dropped when the test (or the
 * class, for one resolved in a {@code @BeforeAll} method) has finished, after the test's own
 * {@code @AfterEach} methods, which is where pools should be closed.
 *
 * <h2>Quiet builds</h2>
 * <p>Tests log at WARN (each module's {@code logback-test.xml} and {@code logging.properties}).
 * A test that makes a library warn on purpose names those loggers with
 * {@link io.multidb.testkit.ProvokesWarnings @ProvokesWarnings}: their events are shown only when
 * the test fails.
 */
package io.multidb.testkit;
