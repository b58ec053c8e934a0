package io.multidb.connection.internal;

/**
 * Which public API created a registry and closes it: the static facade or a {@code MultiDb}
 * instance. Error messages name the call the user actually made, and the way back.
 */
public enum Lifecycle {
    /** {@code ConnectionPool.configure(...)} and {@code ConnectionPool.closeAllConnections()}. */
    STATIC_FACADE("ConnectionPool", "ConnectionPool.configure(...)", "ConnectionPool.closeAllConnections()",
            "Configure again to use it.", "after configuring again"),
    /** {@code MultiDb.create(...)} and {@code MultiDb.close()}. */
    INSTANCE("MultiDb", "MultiDb.create(...)", "MultiDb.close()", "Create a new MultiDb instance to use it.",
            "on a new MultiDb instance");

    private final String api;
    private final String createCall;
    private final String closeCall;
    private final String reopenAdvice;
    private final String newSessionAdvice;

    Lifecycle(String api, String createCall, String closeCall, String reopenAdvice, String newSessionAdvice) {
        this.api = api;
        this.createCall = createCall;
        this.closeCall = closeCall;
        this.reopenAdvice = reopenAdvice;
        this.newSessionAdvice = newSessionAdvice;
    }

    /** @return the call that creates the pools, as written in messages */
    public String createCall() {
        return createCall;
    }

    /**
     * @param method a method of this API, such as {@code addLabel}
     * @return the call as written in messages, such as {@code ConnectionPool.addLabel(...)}
     */
    public String call(String method) {
        return api + "." + method + "(...)";
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

    /**
     * @param label  a label whose pool was taken out of service by {@code removeLabel} or
     *               {@code replaceLabel}
     * @param change that call, as written in messages
     * @return the message of the {@code PoolClosedException} for a borrow from that pool afterwards
     *     (a session or data source taken before the change)
     */
    String retiredMessage(String label, String change) {
        return "Database '" + label + "' was " + (change.contains("replaceLabel") ? "replaced" : "removed") + " by "
                + change + " after this session or data source was taken, and the label's previous pool stopped"
                + " lending before it borrowed a connection. Open a new session"
                + (change.contains("replaceLabel") ? ", which uses the new configuration." : ".");
    }

    /**
     * @param label  a label whose pool was taken out of service while a session held a connection
     * @param change the call that did it, as written in messages
     * @return the message of the {@code PoolClosedException} for that session's next use after the
     *     grace period
     */
    String retiredLostMessage(String label, String change) {
        return "Database '" + label + "' was " + (change.contains("replaceLabel") ? "replaced" : "removed") + " by "
                + change + " while this session held a connection, and the grace period ended: the connection was"
                + " closed and nothing this session had not committed was committed. Open a new session.";
    }
}
