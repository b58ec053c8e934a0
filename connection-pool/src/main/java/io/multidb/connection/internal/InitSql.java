package io.multidb.connection.internal;

import io.multidb.connection.Engine;
import java.util.List;

/**
 * Combines a label's {@code init_sql} statements into the single statement HikariCP runs on each
 * new connection. Drivers differ in what one {@code Statement.execute} may hold, so several
 * statements become a block the engine runs as one.
 */
final class InitSql {
    private InitSql() {
    }

    /**
     * @param engine     the label's engine
     * @param statements the statements, in order
     * @return one statement running them all in order, or {@code null} when there are none
     */
    static String combine(Engine engine, List<String> statements) {
        if (statements.isEmpty()) {
            return null;
        }
        if (statements.size() == 1) {
            return statements.get(0);
        }
        return switch (engine) {
            // pgJDBC, H2 and SQL Server execute several ;-separated statements in one call
            case POSTGRESQL, H2, SQLSERVER -> String.join(";\n", statements);
            // MariaDB refuses multi-statements unless allowMultiQueries is set; a compound block needs nothing
            case MARIADB -> "BEGIN NOT ATOMIC\n" + String.join(";\n", statements) + ";\nEND";
            case ORACLE -> {
                StringBuilder block = new StringBuilder("BEGIN\n");
                for (String s : statements) {
                    block.append("EXECUTE IMMEDIATE '").append(s.replace("'", "''")).append("';\n");
                }
                yield block.append("END;").toString();
            }
        };
    }
}
