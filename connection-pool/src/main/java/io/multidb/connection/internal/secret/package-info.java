/**
 * Secret decoding behind {@link io.multidb.connection.SecretResolver}: Fernet tokens. Not API: use
 * {@link io.multidb.connection.FernetSecretResolver} instead.
 */
package io.multidb.connection.internal.secret;
