package io.multidb.connection.internal.statement;

import io.multidb.connection.Engine;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
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
 * <p>Thread-safety: immutable; one instance per engine.
 */
public final class Binder {
    private static final Map<Engine, Binder> BY_ENGINE = create();

    private final Engine engine;
    private final boolean nativeUuid;
    private final boolean nativeBoolean;

    private Binder(Engine engine, boolean nativeUuid, boolean nativeBoolean) {
        this.engine = engine;
        this.nativeUuid = nativeUuid;
        this.nativeBoolean = nativeBoolean;
    }

    private static Map<Engine, Binder> create() {
        Map<Engine, Binder> m = new EnumMap<>(Engine.class);
        for (Engine e : Engine.values()) {
            m.put(e, new Binder(e, e == Engine.POSTGRESQL || e == Engine.H2, e != Engine.ORACLE));
        }
        return m;
    }

    /**
     * @param engine an engine
     * @return its binder, the same instance on every call
     */
    public static Binder of(Engine engine) {
        return BY_ENGINE.get(engine);
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
        switch (engine) {
            case ORACLE -> statement.setNull(index, Types.VARCHAR); // converts implicitly to any column type
            case SQLSERVER -> statement.setObject(index, null); // mssql-jdbc infers the type; NULL is refused by some versions
            default -> statement.setNull(index, Types.NULL);
        }
    }
}
