package io.multidb.connection.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.mapper.reflect.BeanMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Opens Jdbi handles over connections that sessions already hold. Jdbi asks its
 * {@code ConnectionFactory} for a connection without arguments, so the session's connection is
 * passed through a thread-local for the duration of {@link Jdbi#open()}; the factory never closes
 * it (the session returns it to the pool).
 */
final class Handles {
    private static final ThreadLocal<Connection> LENDING = new ThreadLocal<>();

    private Handles() {
    }

    /**
     * @param connection the session's connection
     * @return a handle over it; closing the handle leaves the connection open
     */
    static Handle open(Connection connection) {
        LENDING.set(connection);
        try {
            return Shared.JDBI.open();
        } finally {
            LENDING.remove();
        }
    }

    /** Created on first use, so sessions that never need Jdbi never load it. */
    private static final class Shared {
        static final Jdbi JDBI = create();

        private static Jdbi create() {
            Jdbi jdbi = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
                @Override
                public Connection openConnection() {
                    Connection c = LENDING.get();
                    if (c == null) {
                        throw new IllegalStateException("Multidb handles are opened through Session.handle()");
                    }
                    return c;
                }

                @Override
                public void closeConnection(Connection toClose) {
                    // the session owns the connection
                }
            });
            // connections run with auto-commit off; the session, not Jdbi, ends transactions
            jdbi.getConfig(org.jdbi.v3.core.Handles.class).setForceEndTransactions(false);
            jdbi.registerRowMapper(new RecordAndBeanMappers());
            return jdbi;
        }
    }

    /** Maps rows to records by canonical constructor and to beans by setters; scalars fall through. */
    static final class RecordAndBeanMappers implements RowMapperFactory {
        @Override
        public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
            Class<?> raw = GenericTypes.getErasedType(type);
            if (raw.isRecord()) {
                return Optional.of(ConstructorMapper.of(raw));
            }
            if (isBean(raw)) {
                return Optional.of(BeanMapper.of(raw));
            }
            return Optional.empty();
        }

        private static boolean isBean(Class<?> type) {
            if (type.isPrimitive() || type.isArray() || type.isEnum() || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers()) || type.getName().startsWith("java.")
                    || type.getName().startsWith("javax.")) {
                return false;
            }
            boolean hasNoArgConstructor = false;
            for (Constructor<?> c : type.getConstructors()) {
                hasNoArgConstructor |= c.getParameterCount() == 0;
            }
            if (!hasNoArgConstructor) {
                return false;
            }
            for (Method m : type.getMethods()) {
                if (m.getName().startsWith("set") && m.getName().length() > 3 && m.getParameterCount() == 1) {
                    return true;
                }
            }
            return false;
        }
    }
}
