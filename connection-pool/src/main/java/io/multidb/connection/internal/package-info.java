/**
 * Implementation of the connection pool: the label registry, pools, sessions, units of work and
 * error translation. Not API: anything here may change in any release; use the types of
 * {@link io.multidb.connection} instead.
 */
package io.multidb.connection.internal;
