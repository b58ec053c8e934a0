/**
 * The tenant catalog behind {@link io.multidb.connection.CatalogLabelSource}: the table's layout and
 * how one row becomes a validated configuration. Not API.
 */
package io.multidb.connection.internal.catalog;
