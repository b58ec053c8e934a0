/**
 * Implementation of Multidb's XA support: Narayana's set-up, Agroal XA pools, the XA provider
 * plugged into the connection pool, and crash recovery. Not API: anything here may change in any
 * release; use {@link io.multidb.jta.JtaSupport} and {@link io.multidb.jta.JtaSettings} instead.
 */
package io.multidb.jta.internal;
