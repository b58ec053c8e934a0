/**
 * Multidb's core: configuration, one pool per label, sessions, units of work and errors
 * ({@code io.multidb.connection}), and the service-provider interfaces through which the other
 * Multidb modules plug in ({@code io.multidb.connection.spi}). The implementation packages
 * ({@code io.multidb.connection.internal...}) are not exported.
 *
 * <p>Rows are mapped to records and beans by reflection: an application module whose records or
 * beans are not public in an exported package opens their package to {@code io.multidb.connection}.
 */
// Jdbi's Handle is part of Session; Jdbi has no module-info but declares the stable Automatic-Module-Name org.jdbi.v3.core
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.multidb.connection {
    exports io.multidb.connection;
    exports io.multidb.connection.spi;

    requires transitive java.sql;
    requires transitive org.jdbi.v3.core;
    requires com.zaxxer.hikari;
    requires org.slf4j;

    uses io.multidb.connection.spi.XaProvider;
}
