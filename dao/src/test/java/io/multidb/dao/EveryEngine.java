package io.multidb.dao;

import io.multidb.connection.Engine;
import io.multidb.testkit.AllEngines;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test on all five engines: H2, PostgreSQL and MariaDB here, Oracle and SQL Server where
 * {@code MULTIDB_TEST_ORACLE_URL} / {@code MULTIDB_TEST_SQLSERVER_URL} point at a server (skipped
 * otherwise, as the test kit does).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@AllEngines({Engine.H2, Engine.POSTGRESQL, Engine.MARIADB, Engine.ORACLE, Engine.SQLSERVER})
@interface EveryEngine {
}
