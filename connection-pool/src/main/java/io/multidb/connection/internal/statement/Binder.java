package io.multidb.connection.internal.statement;

import io.multidb.connection.Engine;
import io.multidb.connection.internal.engine.EngineProfile;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;

/**
 * Binds positional parameters the way one engine's driver needs them; sessions and DAOs bind every
 * value through it, so the same value reaches the database the same way from both.
 *
 * <table>
 *   <caption>Values and how they are bound</caption>
 *   <tr><th>value</th><th>bound as</th></tr>
 *   <tr><td>{@code null}</td><td>SQL NULL: {@code Types.NULL}; a NULL {@code VARCHAR} on Oracle
 *       (the thin driver refuses {@code Types.NULL}); {@code setObject(null)} on SQL Server</td></tr>
 *   <tr><td>{@link Instant}</td><td>a {@link Timestamp} (pgJDBC and others have no
 *       {@code setObject(Instant)})</td></tr>
 *   <tr><td>{@link ZonedDateTime}</td><td>its {@link OffsetDateTime}, which JDBC 4.2 defines</td></tr>
 *   <tr><td>{@link java.util.Date} (not a {@code java.sql} type)</td><td>a {@link Timestamp}</td></tr>
 *   <tr><td>an enum</td><td>its constant's name</td></tr>
 *   <tr><td>{@link UUID}</td><td>natively on PostgreSQL and H2; as its 36-character text elsewhere</td></tr>
 *   <tr><td>{@link Boolean}</td><td>natively, except on Oracle: 1 or 0 (store flags in
 *       {@code NUMBER(1)})</td></tr>
 *   <tr><td>{@link Character}</td><td>a one-character string</td></tr>
 *   <tr><td>anything else ({@code BigDecimal}, {@code byte[]}, {@code LocalDate}, ...)</td>
 *       <td>{@link PreparedStatement#setObject(int, Object)}</td></tr>
 * </table>
 *
 * <p>Which engine binds which way is its {@link EngineProfile}'s choice: the profile creates the
 * engine's binder.
 *
 * <p>Thread-safety: immutable; one instance per engine.
 */
public final class Binder {
    /** How a SQL NULL is bound. */
    public enum NullBinding {
        /** {@code setNull(index, Types.NULL)}. */
        TYPES_NULL,
        /**
         * {@code setNull(index, Types.VARCHAR)}: Oracle's thin driver refuses {@code Types.NULL};
         * a NULL VARCHAR converts implicitly to any column type.
         */
        VARCHAR,
        /**
         * {@code setObject(index, null)}: mssql-jdbc infers the type; {@code Types.NULL} is refused
         * by some versions.
         */
        SET_OBJECT
    }

    private final Engine engine;
    private final boolean nativeUuid;
    private final boolean nativeBoolean;
    private final NullBinding nulls;

    private Binder(Engine engine, boolean nativeUuid, boolean nativeBoolean, NullBinding nulls) {
        this.engine = engine;
        this.nativeUuid = nativeUuid;
        this.nativeBoolean = nativeBoolean;
        this.nulls = nulls;
    }

    /**
     * For {@link EngineProfile}s, each of which creates its engine's binder once.
     *
     * @param engine        the engine
     * @param nativeUuid    whether the driver binds a {@link UUID} itself; else its text is bound
     * @param nativeBoolean whether the driver binds a {@link Boolean} itself; else 1 or 0 is bound
     * @param nulls         how a {@code null} is bound
     * @return the binder
     */
    public static Binder create(Engine engine, boolean nativeUuid, boolean nativeBoolean, NullBinding nulls) {
        return new Binder(engine, nativeUuid, nativeBoolean, nulls);
    }

    /**
     * @param engine an engine
     * @return its binder, the same instance on every call (its profile's)
     */
    public static Binder of(Engine engine) {
        return EngineProfile.of(engine).binder();
    }

    /**
     * @return the engine this binder binds for
     */
    public Engine engine() {
        return engine;
    }

    /**
     * @param statement the statement
     * @param args      one value per {@code ?}, in order; {@code null} for none
     * @throws SQLException when the driver refuses a value
     */
    public void bind(PreparedStatement statement, Object[] args) throws SQLException {
        if (args == null) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            set(statement, i + 1, args[i]);
        }
    }

    /**
     * @param statement the statement
     * @param index     1-based parameter index
     * @param value     the value, or {@code null}
     * @throws SQLException when the driver refuses the value
     */
    public void set(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            setNull(statement, index);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Instant instant) {
            statement.setTimestamp(index, Timestamp.from(instant));
        } else if (value instanceof Enum<?> constant) {
            statement.setString(index, constant.name());
        } else if (value instanceof UUID uuid && !nativeUuid) {
            statement.setString(index, uuid.toString());
        } else if (value instanceof Boolean flag && !nativeBoolean) {
            statement.setInt(index, flag ? 1 : 0);
        } else if (value instanceof ZonedDateTime zoned) {
            statement.setObject(index, zoned.toOffsetDateTime());
        } else if (value instanceof Character c) {
            statement.setString(index, c.toString());
        } else if (value.getClass() == java.util.Date.class) {
            statement.setTimestamp(index, new Timestamp(((java.util.Date) value).getTime()));
        } else {
            statement.setObject(index, value);
        }
    }

    private void setNull(PreparedStatement statement, int index) throws SQLException {
        switch (nulls) {
            case VARCHAR -> statement.setNull(index, Types.VARCHAR);
            case SET_OBJECT -> statement.setObject(index, null);
            case TYPES_NULL -> statement.setNull(index, Types.NULL);
        }
    }
}
