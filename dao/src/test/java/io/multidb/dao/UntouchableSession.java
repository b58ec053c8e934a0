package io.multidb.dao;

import io.multidb.connection.Session;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A session that fails the test as soon as anything would reach a database through it: proof that
 * a DAO refused its input before borrowing a connection or sending SQL.
 */
final class UntouchableSession implements Session {

    private static AssertionError touched(String what) {
        return new AssertionError("The DAO called Session." + what + " although it should have refused its input first");
    }

    @Override
    public String label() {
        return "untouchable";
    }

    @Override
    public int execute(String sql, Object... args) {
        throw touched("execute(" + sql + ")");
    }

    @Override
    public int execute(String sql, Map<String, ?> args) {
        throw touched("execute(" + sql + ")");
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... args) {
        throw touched("query(" + sql + ")");
    }

    @Override
    public List<Map<String, Object>> query(String sql, Map<String, ?> args) {
        throw touched("query(" + sql + ")");
    }

    @Override
    public <T> List<T> query(Class<T> type, String sql, Object... args) {
        throw touched("query(" + sql + ")");
    }

    @Override
    public void commit() {
        throw touched("commit()");
    }

    @Override
    public void rollback() {
        throw touched("rollback()");
    }

    @Override
    public Handle handle() {
        throw touched("handle()");
    }

    @Override
    public Connection connection() {
        throw touched("connection()");
    }

    @Override
    public void close() {
        // nothing was opened
    }
}
