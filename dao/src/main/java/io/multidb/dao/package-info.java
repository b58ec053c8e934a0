/**
 * Data access objects over Multidb sessions: {@link io.multidb.dao.DaoBase} (helpers for typed
 * queries, inserts with generated keys, batches, pages, upserts), {@link io.multidb.dao.EntityDao}
 * (create, read, update and delete for an annotated record), {@link io.multidb.dao.TransactionalDao}
 * (work over several databases as one unit) and {@link io.multidb.dao.Dialect} (the SQL that differs
 * between PostgreSQL, Oracle, SQL Server, H2 and MariaDB).
 *
 * <pre>{@code
 * try (Session s = DatabaseManager.getSession("main")) {
 *     UserDao users = new UserDao(s);                 // extends EntityDao<User, Long>
 *     User ada = users.insert(new User(null, "Ada", "ada@example.org"));
 *     s.commit();
 * }
 * }</pre>
 *
 * <p>Implementation lives in {@code io.multidb.dao.internal}, which is not API.
 */
package io.multidb.dao;
