package io.multidb.dao;

import io.multidb.connection.Column;
import io.multidb.connection.RowMappingException;
import io.multidb.connection.Session;
import io.multidb.connection.SqlExecutionException;
import io.multidb.connection.spi.ErrorTranslation;
import io.multidb.connection.spi.RowMapping;
import io.multidb.dao.internal.EntityModel;
import io.multidb.dao.internal.EntitySql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Create, read, update and delete for a Java record, with no SQL written by hand. The record names
 * its table with {@link Table}, its key with {@link Id} and, where the default does not fit, its
 * columns with {@link Column} (a component {@code createdAt} is stored in {@code created_at}).
 * A subclass adds the queries that are particular to the entity, with the helpers of
 * {@link DaoBase}.
 *
 * <pre>{@code
 * @Table("users")
 * public record User(@Id(generated = true) Long id, String name, String email, boolean active,
 *                    Instant createdAt) {
 * }
 *
 * public final class UserDao extends EntityDao<User, Long> {
 *     public UserDao(Session session) {
 *         super(session, User.class, Long.class);
 *     }
 *
 *     public Optional<User> findByEmail(String email) {
 *         return queryOptional(User.class, "select * from users where email = ?", email);
 *     }
 * }
 *
 * try (Session s = DatabaseManager.getSession("main")) {
 *     UserDao users = new UserDao(s);
 *     User ada = users.insert(new User(null, "Ada", "ada@example.org", true, Instant.now()));  // id assigned
 *     users.update(new User(ada.id(), "Ada King", ada.email(), true, ada.createdAt()));
 *     Optional<User> found = users.findById(ada.id());
 *     Page<User> first = users.findAll(PageRequest.ofSize(20));                              // ordered by id
 *     long n = users.count();
 *     users.deleteById(ada.id());
 *     s.commit();
 * }
 * }</pre>
 *
 * <p>The statements are built once per record type and dialect, and cached; every call is one
 * prepared statement on the session's connection, read by position into the record's canonical
 * constructor. The annotations are checked when the first DAO for the record is constructed: a
 * missing {@code @Table} or {@code @Id}, a name that is not a plain identifier, or a key type that
 * does not match {@code ID} is an {@link IllegalArgumentException} then. The same DAO runs on
 * every engine; only the DDL of the table differs (an identity column on H2, PostgreSQL, Oracle
 * and SQL Server, {@code auto_increment} on MariaDB).
 *
 * <p>The public methods may be overridden, for example to set {@code updatedAt} before calling
 * {@code super.update(...)}.
 *
 * <p>Thread-safety: one thread at a time, like its session.
 *
 * @param <T>  the entity record
 * @param <ID> the type of its key component (boxed: {@code Long} for a {@code long} key)
 */
public abstract class EntityDao<T extends Record, ID> extends DaoBase {
    private final EntityModel<T> model;
    private final RowMapping<T> byPosition;
    private EntitySql sql;

    /**
     * @param session    the session every statement runs on
     * @param entityType the record class
     * @param idType     the class of its key (boxed)
     * @throws IllegalArgumentException when the record's annotations are missing or invalid, or
     *     its key is not of {@code idType}
     */
    protected EntityDao(Session session, Class<T> entityType, Class<ID> idType) {
        super(session);
        this.model = model(entityType, idType);
        this.byPosition = positional(model);
    }

    /**
     * As {@link #EntityDao(Session, Class, Class)}, writing the SQL of a chosen dialect.
     *
     * @param session    the session every statement runs on
     * @param dialect    the SQL dialect
     * @param entityType the record class
     * @param idType     the class of its key (boxed)
     * @throws IllegalArgumentException when the record's annotations are missing or invalid, or
     *     its key is not of {@code idType}
     */
    protected EntityDao(Session session, Dialect dialect, Class<T> entityType, Class<ID> idType) {
        super(session, dialect);
        this.model = model(entityType, idType);
        this.byPosition = positional(model);
    }

    private static <T extends Record> EntityModel<T> model(Class<T> entityType, Class<?> idType) {
        EntityModel<T> m = EntityModel.of(entityType);
        Objects.requireNonNull(idType, "idType");
        if (box(m.idType()) != idType) {
            throw new IllegalArgumentException("The key of " + entityType.getName() + " is a " + m.idType().getName()
                    + ", but the DAO declares " + idType.getName() + " as its ID type");
        }
        return m;
    }

    private static <T extends Record> RowMapping<T> positional(EntityModel<T> model) {
        return columns -> model::read;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return type == long.class ? Long.class : type == int.class ? Integer.class : type == short.class ? Short.class
                : type == byte.class ? Byte.class : type == boolean.class ? Boolean.class : type == char.class
                ? Character.class : type == double.class ? Double.class : Float.class;
    }

    private EntitySql sql() {
        if (sql == null) {
            sql = model.sql(dialect());
        }
        return sql;
    }

    /**
     * @param id a key
     * @return the entity with that key, or empty
     * @throws NullPointerException when {@code id} is {@code null}
     * @throws IncorrectResultSizeException when several rows have the key (the column is not
     *     unique)
     */
    public Optional<T> findById(ID id) {
        Objects.requireNonNull(id, "id");
        String select = sql().selectById();
        Connection c = session().connection();
        try (PreparedStatement ps = c.prepareStatement(select)) {
            statements().engine().set(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                T entity = model.read(rs);
                if (rs.next()) {
                    throw new IncorrectResultSizeException(session().label(), select, "at most one row", 2);
                }
                return Optional.of(entity);
            }
        } catch (SQLException e) {
            throw SqlExecutionException.translate(session(), select, e);
        } catch (RowMappingException e) {
            throw ErrorTranslation.labelled(session().label(), e);
        }
    }

    /**
     * @param page the page to read
     * @return that page of all entities, ordered by key
     */
    public Page<T> findAll(PageRequest page) {
        Objects.requireNonNull(page, "page");
        Object[] args = dialect().withPaginationArguments(new Object[0], page.offset(), page.size() + 1);
        List<T> rows = statements().query(byPosition, sql().selectPage(), args, 0);
        boolean hasNext = rows.size() > page.size();
        return new Page<>(hasNext ? rows.subList(0, page.size()) : rows, page, hasNext);
    }

    /**
     * Inserts the entity. With a generated key ({@code @Id(generated = true)}) the key column is
     * left out, and the returned copy carries the key the database assigned.
     *
     * @param entity the entity; with a generated key, its key must be {@code null}
     * @return the entity as stored: a copy with its new key, or {@code entity} itself when the
     *     key is not generated
     * @throws IllegalArgumentException when a generated key is already set
     */
    public T insert(T entity) {
        Objects.requireNonNull(entity, "entity");
        if (!model.generatedId()) {
            statements().update(sql().insert(), model.values(entity));
            return entity;
        }
        if (model.id(entity) != null) {
            throw new IllegalArgumentException("The key of " + model.type().getSimpleName() + " is generated by the"
                    + " database, but the entity to insert already has " + model.idColumn() + " = " + model.id(entity)
                    + "; pass null, or use update(...) for an existing row");
        }
        String insert = sql().insertWithoutId();
        if (insert == null) {
            throw new IllegalStateException(model.type().getName() + " has no column but its generated key: there is"
                    + " nothing to insert");
        }
        Object key = statements().insertReturningKey(model.idType(), model.idColumn(), insert,
                model.insertArgumentsWithoutId(entity));
        return model.withId(entity, key);
    }

    /**
     * Writes every column of the entity to the row with its key.
     *
     * @param entity the entity, with its key
     * @return {@code true} when a row had that key, {@code false} when none did (nothing changed)
     * @throws IllegalArgumentException when the entity's key is {@code null}
     */
    public boolean update(T entity) {
        Objects.requireNonNull(entity, "entity");
        requireKey(entity, "update");
        String update = sql().update();
        if (update == null) {
            throw new IllegalStateException(model.type().getName() + " has no column besides its key: there is nothing"
                    + " to update");
        }
        return statements().update(update, model.updateArguments(entity)) > 0;
    }

    /**
     * @param entity the entity, with its key
     * @return {@code true} when a row with its key was deleted
     * @throws IllegalArgumentException when the entity's key is {@code null}
     */
    public boolean delete(T entity) {
        Objects.requireNonNull(entity, "entity");
        requireKey(entity, "delete");
        return statements().update(sql().deleteById(), new Object[] {model.id(entity)}) > 0;
    }

    /**
     * @param id a key
     * @return {@code true} when a row with that key was deleted
     */
    public boolean deleteById(ID id) {
        Objects.requireNonNull(id, "id");
        return statements().update(sql().deleteById(), new Object[] {id}) > 0;
    }

    /**
     * @return the number of rows in the entity's table
     */
    public long count() {
        return statements().queryLong(sql().count(), new Object[0]);
    }

    private void requireKey(T entity, String action) {
        if (model.id(entity) == null) {
            throw new IllegalArgumentException("Cannot " + action + " a " + model.type().getSimpleName() + " whose key "
                    + model.idColumn() + " is null; insert it first");
        }
    }
}
