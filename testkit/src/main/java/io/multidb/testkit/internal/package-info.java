/**
 * The test kit's implementation: not part of its API, may change in any release. Public only where
 * JDBC needs it ({@link io.multidb.testkit.internal.SharedTransactionDriver} is named as a label's
 * {@code driver_class}).
 */
package io.multidb.testkit.internal;
