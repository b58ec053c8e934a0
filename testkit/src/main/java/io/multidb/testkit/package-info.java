/**
 * The test kit ({@code io.multidb:multidb-testkit}): JUnit 5 support for code that uses Multidb,
 * and for Multidb's own tests.
 *
 * <h2>Private databases for the application's labels</h2>
 * <p>{@link io.multidb.testkit.MultiDbExtension} replaces every label of the application's
 * configuration in one call, with H2 in the engine's compatibility mode or with a private
 * namespace on a real server, configures a {@link io.multidb.connection.MultiDb} instance or the
 * static facade, fails tests that leak sessions or connections ({@link io.multidb.testkit.LeakCheck})
 * and, as an option, rolls every test back:
 * <pre>{@code
 * @RegisterExtension
 * static final MultiDbExtension DATABASES = MultiDbExtension.replacing(AppConfig.databases()).rollbackEachTest();
 *
 * @Test
 * void storesAnOrder(MultiDb db) { ... }
 * }</pre>
 * {@link io.multidb.testkit.ClosePools} is the leak check alone, for tests that configure the
 * static facade themselves.
 *
 * <h2>Fakes</h2>
 * <p>JDBC and XA interfaces with every method given a default, so that a test double implements
 * only what its test is about: {@link io.multidb.testkit.FakeDriver},
 * {@link io.multidb.testkit.FakeConnection}, {@link io.multidb.testkit.FakeStatement},
 * {@link io.multidb.testkit.FakePreparedStatement}, {@link io.multidb.testkit.FakeResultSet},
 * {@link io.multidb.testkit.FakeResultSetMetaData}, {@link io.multidb.testkit.FakeXAResource},
 * {@link io.multidb.testkit.FakeXAConnection}, {@link io.multidb.testkit.FakeXADataSource}.
 * The JDBC ones share {@link io.multidb.testkit.FakeWrapper}, which unwraps a fake to itself.
 * {@link io.multidb.testkit.StubDriver} is a complete, allocation-light driver built on them
 * ({@code jdbc:stub:}, one row holding 1), which the benchmarks use.
 *
 * <h2>Helpers</h2>
 * <p>{@link io.multidb.testkit.TestNames#unique()} gives names no other test uses (labels, H2
 * databases, schemas, roles). {@link io.multidb.testkit.LogCapture} captures log output while open
 * (every logger at its most verbose, or one logger), for tests that assert what was logged or that
 * a secret was logged nowhere; {@link io.multidb.testkit.FakeDriver#register} registers a test
 * driver with {@code DriverManager}.
 *
 * <h2>How Multidb's own build uses the kit</h2>
 * <p>The kit depends on {@code multidb-connection-pool}, whose tests use the kit. Rather than a
 * reactor cycle or a second artifact, connection-pool compiles the kit's sources once more as a
 * second test source root ({@code compileSourceRoots} of its {@code default-testCompile}); every
 * other module depends on {@code multidb-testkit} with scope {@code test} (the benchmarks at
 * compile scope, for {@code StubDriver}). The kit therefore must only use connection-pool's public
 * API, and its classes are the same in both builds.
 *
 * <h2>Engines of Multidb's own tests</h2>
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
 * <h2>Module name</h2>
 * <p>The jar has no {@code module-info}; on the module path it is the automatic module
 * {@code io.multidb.testkit} (its manifest's {@code Automatic-Module-Name}), a name that does not
 * change with the jar's file name: {@code requires io.multidb.testkit;} in a test module.
 *
 * <h2>Quiet builds</h2>
 * <p>Tests log at WARN (each module's {@code logback-test.xml} and {@code logging.properties}).
 * A test that makes a library warn on purpose names those loggers with
 * {@link io.multidb.testkit.ProvokesWarnings @ProvokesWarnings}: their events are shown only when
 * the test fails.
 */
package io.multidb.testkit;
