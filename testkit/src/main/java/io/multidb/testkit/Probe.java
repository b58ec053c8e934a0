package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.util.Objects;

/**
 * What probing one engine's test server found.
 *
 * @param engine the engine
 * @param target the server probed, without secrets, or {@code null} when none is configured
 * @param problem why the server cannot be used, or {@code null} when it answered
 */
record Probe(Engine engine, String target, String problem) {

    Probe {
        Objects.requireNonNull(engine, "engine");
    }

    /**
     * @param engine the engine
     * @param target the server, without secrets
     * @return a probe that found the server answering
     */
    static Probe reachable(Engine engine, String target) {
        return new Probe(engine, Objects.requireNonNull(target, "target"), null);
    }

    /**
     * @param engine the engine
     * @param target the server, without secrets
     * @param error what went wrong, without secrets
     * @return a probe that found no usable server
     */
    static Probe unreachable(Engine engine, String target, String error) {
        return new Probe(engine, Objects.requireNonNull(target, "target"),
                engine.key() + " server " + target + " did not answer: " + Objects.requireNonNull(error, "error"));
    }

    /**
     * @param engine the engine
     * @return a probe for an engine whose URL variable is not set
     */
    static Probe notConfigured(Engine engine) {
        return new Probe(engine, null, ServerSettings.urlVariable(engine) + " is not set, so there is no "
                + engine.key() + " server to test against");
    }

    /**
     * @return whether the server answered
     */
    boolean isReachable() {
        return problem == null;
    }
}
