/**
 * Implementation of the DAO module: the dialects, name validation, named-parameter parsing, row
 * mapping, entity models and statement execution. Not API: anything here may change in any
 * release; use the types of {@link io.multidb.dao} instead.
 */
package io.multidb.dao.internal;
