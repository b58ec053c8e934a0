package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The rule deciding whether a test for an engine runs, is skipped or fails: it runs when the
 * engine's server answered; otherwise it is skipped, unless {@value #REQUIRE_VARIABLE} names the
 * engine, and then it fails. Pure functions; {@link TestServers} feeds them the environment.
 */
final class Availability {

    /** Comma-separated engine keys whose tests must fail rather than be skipped. */
    static final String REQUIRE_VARIABLE = "MULTIDB_TEST_REQUIRE";

    /** What happens to a test. */
    enum Outcome {
        /** The server answered: the test runs. */
        RUN,
        /** No server, and none required: the test is skipped. */
        SKIP,
        /** No server, but {@value Availability#REQUIRE_VARIABLE} names the engine: the test fails. */
        FAIL
    }

    /**
     * @param outcome what happens to the test
     * @param reason why, in words fit for a test report; never contains a password
     */
    record Decision(Outcome outcome, String reason) {
        Decision {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(reason, "reason");
        }
    }

    private Availability() {
    }

    /**
     * Decides what happens to a test for {@code engine}.
     *
     * @param required the engines named by {@value #REQUIRE_VARIABLE}
     * @param engine the engine the test needs
     * @param probe what probing that engine's server found
     * @return run, skip or fail, with the reason
     */
    static Decision decide(Set<Engine> required, Engine engine, Probe probe) {
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(engine, "engine");
        if (probe.engine() != engine) {
            throw new IllegalArgumentException("Probe of " + probe.engine().key() + " used for " + engine.key());
        }
        if (probe.isReachable()) {
            return new Decision(Outcome.RUN, engine.key() + " server " + probe.target() + " answered");
        }
        if (required.contains(engine)) {
            return new Decision(Outcome.FAIL, probe.problem() + "; " + REQUIRE_VARIABLE + " names " + engine.key()
                    + ", so its tests fail instead of being skipped");
        }
        return new Decision(Outcome.SKIP, probe.problem() + "; skipped (" + REQUIRE_VARIABLE
                + " does not name " + engine.key() + ")");
    }

    /**
     * Reads the value of {@value #REQUIRE_VARIABLE}.
     *
     * @param value comma-separated engine keys, in any case, with optional blanks; or {@code null}
     * @return the engines named; empty for {@code null} or a blank value
     * @throws IllegalArgumentException when a name is not an engine key, naming it and the valid ones
     */
    static Set<Engine> parseRequired(String value) {
        if (value == null || value.isBlank()) {
            return Collections.emptySet();
        }
        Set<Engine> engines = EnumSet.noneOf(Engine.class);
        for (String name : value.split(",", -1)) {
            if (name.isBlank()) {
                continue;
            }
            try {
                engines.add(Engine.fromKey(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(REQUIRE_VARIABLE + "='" + value + "' names an unknown engine '"
                        + name.trim() + "'; use a comma-separated list of " + keys(), e);
            }
        }
        return Collections.unmodifiableSet(engines);
    }

    private static String keys() {
        StringBuilder keys = new StringBuilder();
        for (Engine engine : Engine.values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(engine.key());
        }
        return keys.toString();
    }
}
