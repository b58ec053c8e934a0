package io.multidb.connection.internal.engine;

/**
 * How a label's {@code schema} becomes each connection's default schema on one engine.
 */
public enum SchemaSwitch {
    /**
     * A start-up parameter of the connection ({@link EngineProfile#schemaProperties}): it holds for
     * the connection's life, and no rollback can undo it. PostgreSQL ({@code currentSchema}).
     */
    CONNECTION_PROPERTY,
    /** {@code Connection.setCatalog}: the engine's schemas are databases ({@code USE}). MariaDB. */
    CATALOG,
    /** {@code Connection.setSchema}. H2, Oracle. */
    SCHEMA,
    /** No per-session default schema; the configuration refuses {@code schema}. SQL Server. */
    UNSUPPORTED
}
