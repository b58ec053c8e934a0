package io.multidb.connection.internal.engine;

import io.multidb.connection.DatabaseConfig;
import io.multidb.connection.Engine;
import io.multidb.connection.internal.statement.Binder;
import io.multidb.connection.spi.XaEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** H2, in memory, in a file, or as a TCP server. */
final class H2Profile extends EngineProfile {

    H2Profile() {
        super(Engine.H2, Binder.create(Engine.H2, true, true, Binder.NullBinding.TYPES_NULL),
                List.of("h2"), List.of("h2"), UrlGrammar.H2);
    }

    @Override
    public String urlFromPieces(String hostPort, String db) {
        return "jdbc:h2:tcp://" + hostPort + "/" + db;
    }

    /** In-process or over H2's own TCP server: no driver timeouts to set. */
    @Override
    void addTimeoutProperties(Map<String, String> out, Duration connect, Duration socket) {
        // none
    }

    /** H2 executes several {@code ;}-separated statements in one call. */
    @Override
    String combineInitSql(List<String> statements) {
        return String.join(";\n", statements);
    }

    @Override
    public SchemaSwitch schemaSwitch() {
        return SchemaSwitch.SCHEMA;
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
        return XaEngine.ErrorVendor.GENERIC;
    }

    /** Without it {@code rollback(xid)} of a prepared branch on a fresh connection rolls back nothing. */
    @Override
    public boolean listsBranchesBeforeResolving() {
        return true;
    }
}
