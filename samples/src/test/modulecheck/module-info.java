/**
 * A tiny modular application on Multidb's jars, launched by {@code ModulePathTest}: it uses the
 * connection pool, a DAO and an XA unit of work through their exported packages only.
 */
module io.multidb.modulecheck {
    requires io.multidb.dao;
    requires io.multidb.jta;

    // rows are mapped to this module's records by reflection
    opens io.multidb.modulecheck to io.multidb.connection, io.multidb.dao;
}
