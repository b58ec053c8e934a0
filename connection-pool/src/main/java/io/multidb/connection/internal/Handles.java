package io.multidb.connection.internal;

import io.multidb.connection.RowMappingException;
import io.multidb.connection.spi.RowMapping;
import io.multidb.connection.internal.statement.RowMappings;
import io.multidb.connection.spi.RowReader;
import java.lang.reflect.Type;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.RowMapperFactory;
import org.jdbi.v3.core.statement.StatementContext;

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
        created.registerRowMapper(new EngineRowMappers());
        return created;
    }

    /**
     * Maps rows for {@code handle.select(...).mapTo(type)} with the statement engine's own mappers,
     * so that a Jdbi handle maps records, beans (with {@code @Column}) and scalars exactly as the
     * session's {@code query(type, ...)} does. Types the engine does not map fall through to Jdbi.
     */
    static final class EngineRowMappers implements RowMapperFactory {
        @Override
        public Optional<RowMapper<?>> build(Type type, ConfigRegistry config) {
            if (!(type instanceof Class<?> raw)) {
                return Optional.empty();
            }
            RowMapping<?> mapping;
            try {
                mapping = RowMappings.of(raw);
            } catch (RowMappingException e) {
                return Optional.empty();
            }
            return Optional.of(new EngineRowMapper<>(mapping));
        }
    }

    /** One result set: the columns are matched once, in {@link #specialize}. */
    private record EngineRowMapper<T>(RowMapping<T> mapping) implements RowMapper<T> {
        @Override
        public T map(ResultSet rs, StatementContext ctx) throws SQLException {
            return mapping.reader(rs.getMetaData()).read(rs);
        }

        @Override
        public RowMapper<T> specialize(ResultSet rs, StatementContext ctx) throws SQLException {
            RowReader<T> reader = mapping.reader(rs.getMetaData());
            return (row, context) -> reader.read(row);
        }
    }
}
