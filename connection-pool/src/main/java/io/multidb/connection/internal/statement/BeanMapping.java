package io.multidb.connection.internal.statement;

import io.multidb.connection.spi.RowReader;
import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.Column;
import io.multidb.connection.RowMappingException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps rows to a JavaBean: its no-argument constructor, then one setter per column whose label
 * matches the property name (or its {@link Column} name, on the setter or the field), ignoring
 * case and underscores. Columns without a setter are ignored;
 * a result with no matching column at all is an error.
 */
final class BeanMapping<T> implements RowMapping<T> {
    private final Class<T> type;
    private final MethodHandle constructor;
    private final Map<String, Setter> setters;
    private final ReaderCache<T> readers = new ReaderCache<>();

    private BeanMapping(Class<T> type, MethodHandle constructor, Map<String, Setter> setters) {
        this.type = type;
        this.constructor = constructor;
        this.setters = setters;
    }

    /**
     * @param type a class
     * @param <T>  the class
     * @return its mapping, or {@code null} when it is not a bean (no public no-argument constructor,
     *     or no setter)
     */
    static <T> BeanMapping<T> tryCreate(Class<T> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers()) || type.isArray() || type.isPrimitive()) {
            return null;
        }
        Constructor<T> noArgs;
        try {
            noArgs = type.getConstructor();
        } catch (NoSuchMethodException e) {
            return null;
        }
        Map<String, Setter> setters = new HashMap<>();
        for (Method m : type.getMethods()) {
            String name = m.getName();
            if (name.length() > 3 && name.startsWith("set") && m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers())) {
                Class<?> propertyType = m.getParameterTypes()[0];
                String property = name.substring(3);
                String column = columnOf(type, m, property);
                setters.put(ColumnNames.normalize(column != null ? column : property), new Setter(property, propertyType,
                        handle(type, m).asType(MethodType.methodType(void.class, Object.class, Object.class)),
                        ColumnReaders.forType(propertyType)));
            }
        }
        if (setters.isEmpty()) {
            return null;
        }
        MethodHandle ctor = handle(type, noArgs).asType(MethodType.methodType(Object.class));
        return new BeanMapping<>(type, ctor, setters);
    }

    /**
     * @return the {@link Column} name given on the setter or on the field of the property (the
     *     field's name being the property's with a lower-case first letter, or the same), or
     *     {@code null}
     */
    private static String columnOf(Class<?> type, Method setter, String property) {
        Column onSetter = setter.getAnnotation(Column.class);
        if (onSetter != null) {
            return onSetter.value();
        }
        String decapitalized = Character.toLowerCase(property.charAt(0)) + property.substring(1);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (String fieldName : new String[] {decapitalized, property}) {
                try {
                    Column onField = c.getDeclaredField(fieldName).getAnnotation(Column.class);
                    if (onField != null) {
                        return onField.value();
                    }
                } catch (NoSuchFieldException e) {
                    // no field of that name here: look further up
                }
            }
        }
        return null;
    }

    private static MethodHandle handle(Class<?> owner, java.lang.reflect.Executable member) {
        member.trySetAccessible(); // a public method of a class that is not public
        try {
            return member instanceof Constructor<?> c ? MethodHandles.lookup().unreflectConstructor(c)
                    : MethodHandles.lookup().unreflect((Method) member);
        } catch (IllegalAccessException e) {
            throw new RowMappingException(null, "Multidb cannot reach the constructor or setters of " + owner.getName()
                    + ": make the class public, or open its package to Multidb's module", e);
        }
    }

    /** Columns are matched once per result shape; later results of the same shape reuse the reader. */
    @Override
    public RowReader<T> reader(ResultSetMetaData md) throws SQLException {
        return readers.reader(md, this::match);
    }

    private RowReader<T> match(List<String> labels) {
        List<Integer> columns = new ArrayList<>();
        List<Setter> matched = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            Setter s = setters.get(ColumnNames.normalize(labels.get(i)));
            if (s != null) {
                columns.add(i + 1);
                matched.add(s);
            }
        }
        if (matched.isEmpty()) {
            throw new RowMappingException(null, "Cannot map rows with columns " + labels + " to bean " + type.getName()
                    + ": no column matches one of its setters (matched ignoring case and underscores, or by"
                    + " @Column)");
        }
        int n = matched.size();
        int[] columnIndexes = columns.stream().mapToInt(Integer::intValue).toArray();
        Setter[] matchedSetters = matched.toArray(new Setter[0]);
        return rs -> {
            Object bean = newBean();
            for (int k = 0; k < n; k++) {
                Setter s = matchedSetters[k];
                Object value = s.reader().read(rs, columnIndexes[k]);
                if (value == null && s.type().isPrimitive()) {
                    throw new RowMappingException(null, "Column " + labels.get(columnIndexes[k] - 1) + " is NULL, but"
                            + " property '" + s.property() + "' of " + type.getName() + " is a primitive "
                            + s.type().getName());
                }
                s.set(bean, value, type);
            }
            return type.cast(bean);
        };
    }

    private Object newBean() {
        try {
            return (Object) constructor.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RowMappingException(null, "The constructor of " + type.getName() + " failed: " + e, e);
        }
    }

    /** A property setter and the reader for its type. */
    private record Setter(String property, Class<?> type, MethodHandle handle, ColumnReader reader) {
        void set(Object bean, Object value, Class<?> owner) {
            try {
                handle.invokeExact(bean, value);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new RowMappingException(null, "Setter of '" + property + "' on " + owner.getName() + " failed: " + e, e);
            }
        }
    }
}
