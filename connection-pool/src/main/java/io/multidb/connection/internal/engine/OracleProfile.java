package io.multidb.connection.internal.engine;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.spi.XaEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Oracle Database, through the thin driver. */
final class OracleProfile extends EngineProfile {

    /** The thin driver binds no UUID, no boolean (flags live in {@code NUMBER(1)}) and no {@code Types.NULL}. */
    OracleProfile() {
        super(Engine.ORACLE, Binder.create(Engine.ORACLE, false, false, Binder.NullBinding.VARCHAR),
                List.of("oracle"), List.of("oracle"), UrlGrammar.ORACLE_THIN);
    }

    @Override
    public String urlFromPieces(String hostPort, String db) {
        return "jdbc:oracle:thin:@//" + hostPort + "/" + db;
    }

    @Override
    public String schemeDatabaseParameter() {
        return "service_name";
    }

    @Override
    void addTimeoutProperties(Map<String, String> out, Duration connect, Duration socket) {
        put(out, "oracle.net.CONNECT_TIMEOUT", connect, millis(connect));
        put(out, "oracle.jdbc.ReadTimeout", socket, millis(socket));
    }

    /** One anonymous block of {@code EXECUTE IMMEDIATE}s: the thin driver runs one statement per call. */
    @Override
    String combineInitSql(List<String> statements) {
        StringBuilder block = new StringBuilder("BEGIN\n");
        for (String s : statements) {
            block.append("EXECUTE IMMEDIATE '").append(s.replace("'", "''")).append("';\n");
        }
        return block.append("END;").toString();
    }

    @Override
    public SchemaSwitch schemaSwitch() {
        return SchemaSwitch.SCHEMA;
    }

    /** {@code setURL}, the driver properties by {@code setConnectionProperties}. */
    @Override
    public List<XaEngine.Setter> xaDataSourceSetters(DatabaseConfig config) {
        List<XaEngine.Setter> setters = setters();
        setters.add(XaEngine.Setter.of("setURL", config.url()));
        credentials(config, setters);
        Map<String, String> properties = driverProperties(config);
        if (!properties.isEmpty()) {
            setters.add(XaEngine.Setter.of("setConnectionProperties", asProperties(properties)));
        }
        return setters;
    }

    @Override
    public XaEngine.ErrorVendor errorVendor() {
        return XaEngine.ErrorVendor.ORACLE;
    }

    /** The thin driver's {@code v$session.program} connection property. */
    @Override
    public Map<String, String> applicationNameProperties(String name) {
        return Map.of("v$session.program", name);
    }
}
