/**
 * XA two-phase commit across Multidb labels: {@link io.multidb.jta.JtaSupport} enables Narayana
 * and crash recovery, {@link io.multidb.jta.JtaSettings} configures them, and labels configured
 * with {@code xa: true} get an Agroal XA pool. Units of work over XA labels then commit on every
 * database or on none; {@link io.multidb.jta.TransactionRolledBackException} and
 * {@link io.multidb.jta.HeuristicOutcomeException} report the outcomes that are not a plain
 * commit.
 */
package io.multidb.jta;
