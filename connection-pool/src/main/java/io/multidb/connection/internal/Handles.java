package io.multidb.connection.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
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
    /** Held while the shared Jdbi is created and its first handle opened; see {@link #openFirst()}. */
    private static final ReentrantLock CREATING = new ReentrantLock();
    /** Created on first use, so sessions that never need Jdbi never load it. */
    private static volatile Jdbi jdbi;

    private Handles() {
    }

    /**
     * @param connection the session's connection
     * @return a handle over it; closing the handle leaves the connection open
     */
    static Handle open(Connection connection) {
        LENDING.set(connection);
        try {
            Jdbi j = jdbi;
            return j != null ? j.open() : openFirst();
        } finally {
            LENDING.remove();
        }
    }

    /**
     * Creates the shared Jdbi and opens the first handle, under a lock rather than in a class
     * initialiser (the lazy-holder idiom): creating Jdbi loads and initialises a few
     * hundred classes, over 100 ms in a fresh JVM, and a virtual thread that waits for another
     * thread's class initialisation pins its carrier for that long (125 ms was measured, issue 12;
     * JDK 24 and 25 still pin there, unlike on monitors). Threads waiting for this lock unmount.
     * The first handle is opened under the lock too, so that the classes of opening a handle are
     * initialised by one thread while the others wait here.
     */
    private static Handle openFirst() {
        CREATING.lock();
        try {
            Jdbi j = jdbi;
            if (j == null) {
                j = create();
                jdbi = j;
            }
            return j.open();
        } finally {
            CREATING.unlock();
        }
    }

    private static Jdbi create() {
        Jdbi created = Jdbi.create(new org.jdbi.v3.core.ConnectionFactory() {
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
        created.getConfig(org.jdbi.v3.core.Handles.class).setForceEndTransactions(false);
        created.registerRowMapper(new RecordAndBeanMappers());
        return created;
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
