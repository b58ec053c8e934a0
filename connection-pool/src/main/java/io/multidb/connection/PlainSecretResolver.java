package io.multidb.connection;

/** {@link SecretResolver#plain()}: a named type, so that {@code toString()} says what it is. */
enum PlainSecretResolver implements SecretResolver {
    INSTANCE;

    @Override
    public String resolve(String stored) {
        return stored;
    }

    @Override
    public String toString() {
        return "SecretResolver.plain()";
    }
}
