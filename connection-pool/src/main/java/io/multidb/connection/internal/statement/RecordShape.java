package io.multidb.connection.internal.statement;

import io.multidb.connection.Column;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.spi.RecordLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A record type taken apart once: its components (name, type, {@link Column} name, accessor,
 * column reader) and a handle on its canonical constructor. Cached per class, so mapping a row
 * costs no reflection.
 */
public final class RecordShape implements RecordLayout {
    private static final ClassValue<RecordShape> CACHE = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final Class<?> type;
    private final List<Component> components;
    private final MethodHandle constructor;

    private RecordShape(Class<?> type) {
        if (!type.isRecord()) {
            throw new RowMappingException(null, type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] parts = type.getRecordComponents();
        Class<?>[] types = new Class<?>[parts.length];
        List<Component> list = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            RecordComponent part = parts[i];
            types[i] = part.getType();
            Column column = part.getAnnotation(Column.class);
            MethodHandle accessor = unreflect(type, part.getAccessor()).asType(MethodType.methodType(Object.class,
                    Object.class));
            list.add(new Component(part.getName(), part.getType(), column == null ? null : column.value(), accessor,
                    ColumnReaders.forType(part.getType()), part));
        }
        this.components = Collections.unmodifiableList(list);
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            this.constructor = unreflect(type, canonical).asSpreader(Object[].class, parts.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Record " + type.getName() + " has no canonical constructor", e);
        }
    }

    /**
     * @param type a record class
     * @return its shape
     * @throws RowMappingException when it is not a record, or its constructor or accessors
     *     cannot be reached
     */
    public static RecordShape of(Class<?> type) {
        return CACHE.get(type);
    }

    private static MethodHandle unreflect(Class<?> owner, AccessibleObject member) {
        // public members of a public record need nothing; nested or package-private records do
        member.trySetAccessible();
        try {
            return member instanceof Constructor<?> c ? MethodHandles.lookup().unreflectConstructor(c)
                    : MethodHandles.lookup().unreflect((java.lang.reflect.Method) member);
        } catch (IllegalAccessException e) {
            throw new RowMappingException(null, "Multidb cannot reach the constructor or accessors of record "
                    + owner.getName() + ": make it public, or open its package to Multidb's module", e);
        }
    }

    /** @return the record class */
    Class<?> type() {
        return type;
    }

    /** @return the components, in declaration order */
    @Override
    public List<Component> components() {
        return components;
    }

    /**
     * @param args one value per component, in order
     * @return the new record
     * @throws RowMappingException when the record's constructor rejects the values
     */
    @Override
    public Object construct(Object[] args) {
        try {
            return (Object) constructor.invokeExact(args);
        } catch (RuntimeException e) {
            throw new RowMappingException(null, "The constructor of record " + type.getName() + " rejected the values read: "
                    + e.getMessage(), e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RowMappingException(null, "The constructor of record " + type.getName() + " failed: " + e, e);
        }
    }

    /**
     * A record component.
     *
     * @param name     the component name
     * @param type     its type
     * @param column   the name given by {@link Column}, or {@code null}
     * @param accessor {@code (Object record) -> Object value}
     * @param reader   reads a column as the component's type
     * @param source   the reflected component, for annotations
     */
    public record Component(String name, Class<?> type, String column, MethodHandle accessor, ColumnReader reader,
            RecordComponent source) implements RecordLayout.Component {

        @Override
        public Object read(ResultSet rs, int column) throws SQLException {
            return reader.read(rs, column);
        }

        /**
         * @param record a record of the shape's type
         * @return this component's value in it
         */
        @Override
        public Object valueOf(Object record) {
            try {
                return (Object) accessor.invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new RowMappingException(null, "Accessor " + name + "() failed: " + e, e);
            }
        }
    }
}
