package io.multidb.connection;

import java.sql.Connection;

/**
 * Transaction isolation for the connections of a label ({@code isolation} key). Configuration
 * accepts the names in any case with {@code _} or spaces: {@code read_committed},
 * {@code "READ COMMITTED"}.
 *
 * <pre>{@code
 * DatabaseConfig.builder("ledger").url("jdbc:postgresql://db/ledger").isolation(IsolationLevel.SERIALIZABLE).build();
 * }</pre>
 *
 * <p>Thread-safety: immutable.
 */
public enum IsolationLevel {
    /** {@link Connection#TRANSACTION_READ_UNCOMMITTED}. */
    READ_UNCOMMITTED(Connection.TRANSACTION_READ_UNCOMMITTED),
    /** {@link Connection#TRANSACTION_READ_COMMITTED}. */
    READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
    /** {@link Connection#TRANSACTION_REPEATABLE_READ}. */
    REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
    /** {@link Connection#TRANSACTION_SERIALIZABLE}. */
    SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

    private final int jdbcLevel;

    IsolationLevel(int jdbcLevel) {
        this.jdbcLevel = jdbcLevel;
    }

    /**
     * @return the {@link Connection} constant for this level
     */
    public int jdbcLevel() {
        return jdbcLevel;
    }

    /**
     * @return the name Hikari's {@code transactionIsolation} setting takes, e.g.
     *     {@code TRANSACTION_READ_COMMITTED}
     */
    public String jdbcName() {
        return "TRANSACTION_" + name();
    }
}
