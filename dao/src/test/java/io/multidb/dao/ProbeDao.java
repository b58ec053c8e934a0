package io.multidb.dao;

import io.multidb.connection.Session;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Opens every protected helper of {@link DaoBase} to the tests. */
final class ProbeDao extends DaoBase {
    ProbeDao(Session session) {
        super(session);
    }

    ProbeDao(Session session, Dialect dialect) {
        super(session, dialect);
    }

    Dialect currentDialect() {
        return dialect();
    }

    <T> T one(Class<T> type, String sql, Object... args) {
        return queryOne(type, sql, args);
    }

    <T> T one(Class<T> type, String sql, Map<String, ?> params) {
        return queryOne(type, sql, params);
    }

    <T> Optional<T> optional(Class<T> type, String sql, Object... args) {
        return queryOptional(type, sql, args);
    }

    <T> Optional<T> optional(Class<T> type, String sql, Map<String, ?> params) {
        return queryOptional(type, sql, params);
    }

    <T> List<T> list(Class<T> type, String sql, Object... args) {
        return queryList(type, sql, args);
    }

    <T> List<T> list(Class<T> type, String sql, Map<String, ?> params) {
        return queryList(type, sql, params);
    }

    <T> Page<T> page(Class<T> type, String sql, PageRequest page, Object... args) {
        return queryPage(type, sql, page, args);
    }

    <T> Page<T> page(Class<T> type, String sql, PageRequest page, Map<String, ?> params) {
        return queryPage(type, sql, page, params);
    }

    int run(String sql, Object... args) {
        return execute(sql, args);
    }

    int run(String sql, Map<String, ?> params) {
        return execute(sql, params);
    }

    <K> K runReturningKey(Class<K> keyType, String keyColumn, String sql, Object... args) {
        return executeReturningKey(keyType, keyColumn, sql, args);
    }

    void insertRow(String table, Map<String, ?> values) {
        insert(table, values);
    }

    <K> K insertRowReturningKey(Class<K> keyType, String keyColumn, String table, Map<String, ?> values) {
        return insertReturningKey(keyType, keyColumn, table, values);
    }

    int insertBatch(String table, List<? extends Map<String, ?>> rows) {
        return batchInsert(table, rows);
    }

    int updateRows(String table, Map<String, ?> values, Map<String, ?> where) {
        return update(table, values, where);
    }

    int deleteRows(String table, Map<String, ?> where) {
        return delete(table, where);
    }

    void upsertRow(String table, Collection<String> keyColumns, Map<String, ?> values) {
        upsert(table, keyColumns, values);
    }

    long countRows(String table, Map<String, ?> where) {
        return count(table, where);
    }

    boolean anyRow(String table, Map<String, ?> where) {
        return exists(table, where);
    }

    long nextValue(String sequence) {
        return nextSequenceValue(sequence);
    }
}
