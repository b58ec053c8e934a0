/**
 * Multidb's data-access objects: {@code DaoBase}, {@code EntityDao}, {@code TransactionalDao} and
 * the SQL dialects ({@code io.multidb.dao}). The implementation package
 * ({@code io.multidb.dao.internal}) is not exported.
 *
 * <p>{@code EntityDao} reads entity records by reflection: an application module whose entity
 * records are not public in an exported package opens their package to {@code io.multidb.connection}
 * and {@code io.multidb.dao}.
 */
module io.multidb.dao {
    exports io.multidb.dao;

    requires transitive io.multidb.connection;
}
