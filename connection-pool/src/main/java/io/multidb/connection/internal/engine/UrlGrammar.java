package io.multidb.connection.internal.engine;

/**
 * The shapes of {@code jdbc:} URL that {@code JdbcUrl} can read. Several engines share one (a new
 * engine whose URLs look like PostgreSQL's needs no new grammar); the engine-specific details that
 * remain (default port, percent-decoding, a hostless form) are answered by its {@link EngineProfile}.
 */
public enum UrlGrammar {
    /** {@code jdbc:x:[mode:]//[user[:password]@]hosts[/db][?k=v&...]}: PostgreSQL, MariaDB. */
    AUTHORITY_QUERY,
    /**
     * {@code jdbc:x://host[\instance][:port][;k=v...]}: the database is the {@code databaseName}
     * (or {@code database}) setting; a {@code /db} path is refused. SQL Server.
     */
    AUTHORITY_SETTINGS,
    /** {@code jdbc:oracle:thin:[user[/password]]@target[?k=v&...]}. */
    ORACLE_THIN,
    /**
     * {@code jdbc:h2:{mem:|file:|tcp://|ssl://|path}[;K=V...]}: embedded databases need no host,
     * and pieces without a host name an in-memory database or a file.
     */
    H2
}
