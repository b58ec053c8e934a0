package io.multidb.connection.internal.engine;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.spi.XaEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Microsoft SQL Server, through mssql-jdbc. */
final class SqlServerProfile extends EngineProfile {

    SqlServerProfile() {
        super(Engine.SQLSERVER, Binder.create(Engine.SQLSERVER, false, true, Binder.NullBinding.SET_OBJECT),
                List.of("sqlserver", "mssql"), List.of("sqlserver"), UrlGrammar.AUTHORITY_SETTINGS);
    }

    @Override
    public String urlFromPieces(String hostPort, String db) {
        return "jdbc:sqlserver://" + hostPort + ";databaseName=" + db;
    }

    @Override
    void addTimeoutProperties(Map<String, String> out, Duration connect, Duration socket) {
        put(out, "loginTimeout", connect, wholeSeconds(connect));
        put(out, "socketTimeout", socket, millis(socket));
    }

    /** mssql-jdbc executes several {@code ;}-separated statements in one call. */
    @Override
    String combineInitSql(List<String> statements) {
        return String.join(";\n", statements);
    }

    @Override
    public SchemaSwitch schemaSwitch() {
        return SchemaSwitch.UNSUPPORTED;
    }

    @Override
    public String schemaRefusal(String schema) {
        return "SQL Server has no per-session default schema; give the login a default schema instead (ALTER USER"
                + " <user> WITH DEFAULT_SCHEMA = " + schema + ") or qualify table names";
    }

    /** {@code setURL} with the driver properties as URL settings. */
    @Override
    public List<XaEngine.Setter> xaDataSourceSetters(DatabaseConfig config) {
        List<XaEngine.Setter> setters = setters();
        setters.add(XaEngine.Setter.of("setURL", withSettings(config, driverProperties(config))));
        credentials(config, setters);
        return setters;
    }

    @Override
    public XaEngine.ErrorVendor errorVendor() {
        return XaEngine.ErrorVendor.SQLSERVER;
    }

    /** mssql-jdbc {@code applicationName}, shown in {@code sys.dm_exec_sessions.program_name}. */
    @Override
    public Map<String, String> applicationNameProperties(String name) {
        return Map.of("applicationName", name);
    }
}
