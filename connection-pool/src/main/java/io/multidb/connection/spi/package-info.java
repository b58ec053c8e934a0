/**
 * Service-provider interfaces through which Multidb's other modules plug into the core, so that
 * no module reaches into another's internal packages. Applications do not call these types; they
 * may change before 1.0.
 *
 * <ul>
 *   <li>{@link io.multidb.connection.spi.XaProvider}, {@link io.multidb.connection.spi.XaPool},
 *       {@link io.multidb.connection.spi.XaTransaction}: XA-capable pools and global transactions
 *       ({@code multidb-jta-support} implements them, found with {@link java.util.ServiceLoader}).
 *       The core tells the provider which XA labels each instance opens and closes, and passes a
 *       unit of work's timeout to {@code begin}.</li>
 *   <li>{@link io.multidb.connection.spi.XaEngine}: what an XA provider needs to know about an
 *       engine (its XA data source, how to configure and check it), taken from the core's one
 *       profile per engine.</li>
 *   <li>{@link io.multidb.connection.spi.StatementEngine}, {@link io.multidb.connection.spi.NamedStatement},
 *       {@link io.multidb.connection.spi.RowMapping}, {@link io.multidb.connection.spi.RowReader},
 *       {@link io.multidb.connection.spi.RecordLayout}: the core's one statement engine (binding,
 *       named parameters, row mapping, generated keys), which {@code multidb-dao} runs on.</li>
 *   <li>{@link io.multidb.connection.spi.ErrorTranslation}: the core's translation of driver
 *       failures into labelled, password-free exceptions.</li>
 * </ul>
 *
 * <p>Thread-safety: each type states its own; the engine and translation helpers are stateless.
 */
package io.multidb.connection.spi;
