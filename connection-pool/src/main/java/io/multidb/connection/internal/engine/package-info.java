/**
 * One profile per database engine: {@link io.multidb.connection.internal.engine.EngineProfile}
 * holds every fact Multidb needs about an engine (URL schemes, subprotocols, grammar, default port
 * and how a URL is built from host/port/db; driver and XA data-source classes and the XA
 * data source's setters; the driver properties that carry timeouts; how {@code init_sql} statements
 * are combined and how a schema is applied; what makes a read-only pool read-only; how values are
 * bound; the XA preconditions checked on the server; how a broken connection is recognised). The
 * rest of the library asks the label's profile and never switches on {@link io.multidb.connection.Engine}.
 * XA providers see the XA part through {@link io.multidb.connection.spi.XaEngine}.
 *
 * <h2>Adding an engine</h2>
 * <ol>
 *   <li>a constant in {@link io.multidb.connection.Engine} (its configuration key, default port,
 *       driver and XA data-source classes, driver artifact);</li>
 *   <li>one {@code EngineProfile} subclass in this package, listed in {@code EngineProfile}'s
 *       table (a test fails while an engine has no profile, or two);</li>
 *   <li>its SQL dialect in {@code multidb-dao} ({@code io.multidb.dao.internal}), listed in
 *       {@code Dialects}' table, with the database product names it recognises.</li>
 * </ol>
 * Nothing else changes, as long as the engine's URLs have one of the
 * {@link io.multidb.connection.internal.engine.UrlGrammar}s, its schema is applied in one of the
 * {@link io.multidb.connection.internal.engine.SchemaSwitch} ways, and its broken connections are
 * recognised by one of the {@link io.multidb.connection.spi.XaEngine.ErrorVendor}s (else the new
 * form is added there, once, for every engine that shares it).
 *
 * <p>Internal: not part of the API; may change in any release.
 */
package io.multidb.connection.internal.engine;
