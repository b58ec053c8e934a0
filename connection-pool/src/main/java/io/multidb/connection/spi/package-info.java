/**
 * Service-provider interfaces through which optional modules plug into the connection pool:
 * {@link io.multidb.connection.spi.XaProvider} gives XA-capable pools and global transactions
 * ({@code multidb-jta-support} implements it). Applications do not call these types.
 */
package io.multidb.connection.spi;
