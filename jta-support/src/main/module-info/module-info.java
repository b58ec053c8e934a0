/**
 * Multidb's XA support: Narayana as the transaction manager and an Agroal XA pool per label marked
 * {@code xa} ({@code io.multidb.jta}). The implementation package ({@code io.multidb.jta.internal})
 * is not exported; the connection pool finds it as its {@code XaProvider} service.
 *
 * <p>On the module path, {@code jakarta.transaction} (jakarta.transaction-api 2.0.1) requires the
 * {@code jakarta.cdi} and {@code jakarta.interceptor} API modules, although nothing here uses CDI:
 * their jars (jakarta.enterprise.cdi-api, jakarta.enterprise.lang-model, jakarta.interceptor-api,
 * jakarta.inject-api, jakarta.annotation-api) go on the module path too. On the class path they are
 * not needed.
 *
 * <p>jboss-logging, through which Narayana logs, stays on the class path: nothing here requires it,
 * and as a module org.jboss.logging would have to read narayana.jta (it makes Narayana's message
 * loggers with {@code MethodHandles.privateLookupIn}); on the module path that takes
 * {@code --add-modules org.jboss.logging --add-reads org.jboss.logging=narayana.jta}.
 */
// Narayana (narayana-jta, jboss-transaction-spi) and Agroal 2.6 have neither a module-info nor an
// Automatic-Module-Name: the names below are derived from their jar files' names, and a jar renamed
// on the module path (or a later release that declares a name) needs the name changed here.
@SuppressWarnings("requires-automatic")
module io.multidb.jta {
    exports io.multidb.jta;

    requires transitive io.multidb.connection;
    requires jakarta.transaction;
    requires narayana.jta;
    requires jboss.transaction.spi;
    requires agroal.api;
    requires agroal.narayana;
    // Agroal's pool, found by agroal.api through ServiceLoader; required so that it is resolved
    requires agroal.pool;
    requires org.slf4j;

    // Agroal creates each label's XADataSource (LabelXaDataSource) from its class, by reflection
    opens io.multidb.jta.internal to agroal.pool;

    provides io.multidb.connection.spi.XaProvider with io.multidb.jta.internal.JtaXaProvider;
}
