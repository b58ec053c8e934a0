package io.multidb.dao.internal;

import io.multidb.connection.Column;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.spi.RecordLayout;
import io.multidb.connection.spi.StatementEngine;
import io.multidb.dao.Dialect;
import io.multidb.dao.Id;
import io.multidb.dao.Table;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An entity record read once from its annotations: table, columns, key, and its statements per
 * dialect, built on first use and cached. Cached per class, so constructing an {@code EntityDao}
 * costs a lookup.
 *
 * @param <T> the record type
 */
public final class EntityModel<T extends Record> {
    private static final ClassValue<EntityModel<?>> CACHE = new ClassValue<>() {
        @Override
        protected EntityModel<?> computeValue(Class<?> type) {
            return new EntityModel<>(type.asSubclass(Record.class));
        }
    };

    private final Class<T> type;
    private final RecordLayout shape;
    private final String table;
    private final List<String> columns;
    private final int idIndex;
    private final boolean generatedId;
    private final Map<Dialect, EntitySql> sqlByDialect = new ConcurrentHashMap<>();

    private EntityModel(Class<T> type) {
        this.type = type;
        this.shape = StatementEngine.recordLayout(type);
        Table t = type.getAnnotation(Table.class);
        if (t == null) {
            throw new IllegalArgumentException("Record " + type.getName() + " has no @Table annotation; name its table,"
                    + " e.g. @Table(\"" + StatementEngine.columnName(type.getSimpleName()) + "s\")");
        }
        this.table = Identifiers.requireQualified("table name in @Table of " + type.getName(), t.value());
        List<String> cols = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        int id = -1;
        boolean generated = false;
        List<? extends RecordLayout.Component> components = shape.components();
        for (int i = 0; i < components.size(); i++) {
            RecordLayout.Component c = components.get(i);
            Column named = c.source().getAnnotation(Column.class);
            String column = named != null
                    ? Identifiers.requirePlain("column name in @Column of " + type.getSimpleName() + "." + c.name(),
                            named.value())
                    : StatementEngine.columnName(c.name());
            String previous = seen.put(column.toLowerCase(Locale.ROOT), c.name());
            if (previous != null) {
                throw new IllegalArgumentException("Components '" + previous + "' and '" + c.name() + "' of "
                        + type.getName() + " both map to column " + column + "; rename one with @Column");
            }
            cols.add(column);
            Id key = c.source().getAnnotation(Id.class);
            if (key != null) {
                if (id >= 0) {
                    throw new IllegalArgumentException("Record " + type.getName() + " has @Id on both '"
                            + components.get(id).name() + "' and '" + c.name() + "'; EntityDao supports one key"
                            + " column (write DAOs for composite keys with DaoBase's helpers)");
                }
                id = i;
                generated = key.generated();
                if (generated && c.type().isPrimitive()) {
                    throw new IllegalArgumentException("The generated key '" + c.name() + "' of " + type.getName()
                            + " is a primitive " + c.type().getName() + "; declare it as "
                            + boxName(c.type()) + " so that a new entity can carry null until the database assigns it");
                }
            }
        }
        if (id < 0) {
            throw new IllegalArgumentException("Record " + type.getName() + " has no @Id component; mark its key, e.g."
                    + " record " + type.getSimpleName() + "(@Id Long id, ...)");
        }
        this.columns = Collections.unmodifiableList(cols);
        this.idIndex = id;
        this.generatedId = generated;
    }

    private static String boxName(Class<?> primitive) {
        return primitive == int.class ? "Integer" : primitive == char.class ? "Character"
                : Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
    }

    /**
     * @param type an entity record
     * @param <T>  its type
     * @return its model
     * @throws IllegalArgumentException when its annotations are missing or invalid
     */
    @SuppressWarnings("unchecked") // the cache stores the model created for this very class
    public static <T extends Record> EntityModel<T> of(Class<T> type) {
        if (type == null || !type.isRecord()) {
            throw new IllegalArgumentException("An EntityDao needs a record class, got " + type);
        }
        return (EntityModel<T>) CACHE.get(type);
    }

    /** @return the record class */
    public Class<T> type() {
        return type;
    }

    /** @return the table, as annotated */
    public String table() {
        return table;
    }

    /** @return the type of the key component */
    public Class<?> idType() {
        return shape.components().get(idIndex).type();
    }

    /** @return the key column, unquoted */
    public String idColumn() {
        return columns.get(idIndex);
    }

    /** @return whether the database generates the key */
    public boolean generatedId() {
        return generatedId;
    }

    /**
     * @param dialect a dialect
     * @return the entity's statements in it, built once
     */
    public EntitySql sql(Dialect dialect) {
        EntitySql sql = sqlByDialect.get(dialect);
        return sql != null ? sql : sqlByDialect.computeIfAbsent(dialect, d -> EntitySql.build(d, table, columns,
                idIndex));
    }

    /**
     * Reads the current row of a result whose columns are this entity's, in component order.
     *
     * @param rs the result set, on a row
     * @return the entity
     * @throws SQLException when the driver cannot read a column
     */
    public T read(ResultSet rs) throws SQLException {
        List<? extends RecordLayout.Component> components = shape.components();
        Object[] args = new Object[components.size()];
        for (int k = 0; k < args.length; k++) {
            RecordLayout.Component c = components.get(k);
            Object value = c.read(rs, k + 1);
            if (value == null && c.type().isPrimitive()) {
                throw new RowMappingException(null, "Column " + columns.get(k) + " of " + table + " is NULL, but component '"
                        + c.name() + "' of " + type.getName() + " is a primitive " + c.type().getName()
                        + "; declare it as " + boxName(c.type()));
            }
            args[k] = value;
        }
        return type.cast(shape.construct(args));
    }

    /**
     * @param entity an entity
     * @return its key
     */
    public Object id(T entity) {
        return shape.components().get(idIndex).valueOf(entity);
    }

    /**
     * @param entity an entity
     * @return every component's value, in component order
     */
    public Object[] values(T entity) {
        List<? extends RecordLayout.Component> components = shape.components();
        Object[] out = new Object[components.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = components.get(k).valueOf(entity);
        }
        return out;
    }

    /**
     * @param entity an entity
     * @return the values an update binds: every column but the key, then the key
     */
    public Object[] updateArguments(T entity) {
        Object[] all = values(entity);
        Object[] out = new Object[all.length];
        int j = 0;
        for (int k = 0; k < all.length; k++) {
            if (k != idIndex) {
                out[j++] = all[k];
            }
        }
        out[j] = all[idIndex];
        return out;
    }

    /**
     * @param entity an entity whose key is still null
     * @return the values an insert without the key binds
     */
    public Object[] insertArgumentsWithoutId(T entity) {
        Object[] all = values(entity);
        Object[] out = new Object[all.length - 1];
        int j = 0;
        for (int k = 0; k < all.length; k++) {
            if (k != idIndex) {
                out[j++] = all[k];
            }
        }
        return out;
    }

    /**
     * @param entity an entity
     * @param id     a key
     * @return a copy of the entity carrying that key
     */
    public T withId(T entity, Object id) {
        Object[] all = values(entity);
        all[idIndex] = id;
        return type.cast(shape.construct(all));
    }
}
