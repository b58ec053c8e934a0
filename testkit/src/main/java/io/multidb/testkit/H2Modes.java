package io.multidb.testkit;

import io.multidb.connection.Engine;

/** The H2 compatibility mode that stands in for each engine, as H2's documentation recommends it. */
final class H2Modes {

    private H2Modes() {
    }

    /**
     * @param engine the engine a label was configured for
     * @return the URL settings that make H2 behave like it, starting with {@code ;}
     */
    static String settingsFor(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            case MARIADB -> ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
            case ORACLE -> ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH";
            case SQLSERVER -> ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
            case H2 -> "";
        };
    }
}
