package io.multidb.connection.internal;

/**
 * Which public API created a registry and closes it: the static facade or a {@code MultiDb}
 * instance. Error messages name the call the user actually made, and the way back.
 */
public enum Lifecycle {
    /** {@code ConnectionPool.configure(...)} and {@code ConnectionPool.closeAllConnections()}. */
    STATIC_FACADE("ConnectionPool.configure(...)", "ConnectionPool.closeAllConnections()",
            "Configure again to use it.", "after configuring again"),
    /** {@code MultiDb.create(...)} and {@code MultiDb.close()}. */
    INSTANCE("MultiDb.create(...)", "MultiDb.close()", "Create a new MultiDb instance to use it.",
            "on a new MultiDb instance");

    private final String createCall;
    private final String closeCall;
    private final String reopenAdvice;
    private final String newSessionAdvice;

    Lifecycle(String createCall, String closeCall, String reopenAdvice, String newSessionAdvice) {
        this.createCall = createCall;
        this.closeCall = closeCall;
        this.reopenAdvice = reopenAdvice;
        this.newSessionAdvice = newSessionAdvice;
    }

    /** @return the call that creates the pools, as written in messages */
    public String createCall() {
        return createCall;
    }

    /** @return the call that closes the pools, as written in messages */
    public String closeCall() {
        return closeCall;
    }

    /**
     * @param label a label whose pools are closed
     * @return the message of the {@code PoolClosedException} for a new use of the label
     */
    public String closedMessage(String label) {
        return "Database '" + label + "' is closed: " + closeCall + " has been called. " + reopenAdvice;
    }

    /**
     * @param label a label whose pools were closed while a session held a connection
     * @return the message of the {@code PoolClosedException} for that session's next use
     */
    String lostMessage(String label) {
        return "Database '" + label + "' was closed by " + closeCall + " while this session held a connection: the"
                + " connection was closed and nothing this session had not committed was committed. Open a new"
                + " session " + newSessionAdvice + ".";
    }
}
