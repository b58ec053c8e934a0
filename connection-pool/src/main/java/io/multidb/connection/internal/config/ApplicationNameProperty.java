package io.multidb.connection.internal.config;

import io.multidb.connection.Engine;
import java.util.Map;

/**
 * The driver property that carries {@code application_name} on each engine: pgJDBC
 * {@code ApplicationName} ({@code pg_stat_activity.application_name}), MariaDB Connector/J's
 * {@code connectionAttributes} entry {@code program_name} ({@code performance_schema
 * .session_connect_attrs}), SQL Server {@code applicationName} ({@code sys.dm_exec_sessions
 * .program_name}), Oracle {@code v$session.program}. H2 has none: the name is ignored there.
 *
 * <p>Thread-safety: stateless; safe from any thread.
 */
public final class ApplicationNameProperty {

    private ApplicationNameProperty() {
    }

    /**
     * @param engine the label's engine
     * @param name   the application name
     * @return the driver property that sets it; empty on H2
     * @throws IllegalArgumentException on MariaDB, for a name holding {@code ,} or {@code :}, which
     *     separate connection attributes
     */
    public static Map<String, String> of(Engine engine, String name) {
        return switch (engine) {
            case POSTGRESQL -> Map.of("ApplicationName", name);
            case MARIADB -> {
                if (name.contains(",") || name.contains(":")) {
                    throw new IllegalArgumentException("must not contain ',' or ':' on MariaDB, which separate"
                            + " connection attributes, but is '" + name + "'");
                }
                yield Map.of("connectionAttributes", "program_name:" + name);
            }
            case SQLSERVER -> Map.of("applicationName", name);
            case ORACLE -> Map.of("v$session.program", name);
            case H2 -> Map.of();
        };
    }
}
