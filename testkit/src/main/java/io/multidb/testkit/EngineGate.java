package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** What both extensions do with a list of engines: skip, fail, or hand out databases. */
final class EngineGate {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabase.class);

    private EngineGate() {
    }

    /**
     * @param engines the engines a test needs
     * @return enabled when one of them is to fail (which {@link #failIfRequiredAndMissing} then
     *     does: a missing required server outweighs a missing optional one); otherwise disabled with
     *     the reason when one is to be skipped; otherwise enabled
     */
    static ConditionEvaluationResult evaluate(List<Engine> engines) {
        ConditionEvaluationResult result = ConditionEvaluationResult.enabled("servers answered: " + engines);
        for (Engine engine : engines) {
            Availability.Decision decision = decide(engine);
            if (decision.outcome() == Availability.Outcome.FAIL) {
                return ConditionEvaluationResult.enabled("to fail: " + decision.reason());
            }
            if (decision.outcome() == Availability.Outcome.SKIP && !result.isDisabled()) {
                result = ConditionEvaluationResult.disabled(decision.reason());
            }
        }
        return result;
    }

    /**
     * @param engines the engines a test needs
     * @throws IllegalStateException with the reason, when a required engine's server is missing
     */
    static void failIfRequiredAndMissing(List<Engine> engines) {
        for (Engine engine : engines) {
            Availability.Decision decision = decide(engine);
            if (decision.outcome() == Availability.Outcome.FAIL) {
                throw new IllegalStateException(decision.reason());
            }
        }
    }

    /**
     * Returns the database of {@code engine} that belongs to {@code context}, creating it on first
     * use and registering its cleanup for when the context closes.
     *
     * @param context the context of the method whose parameter is being resolved
     * @param engine the engine
     * @return the same instance for every parameter of that engine resolved in that context
     * @throws ParameterResolutionException when the engine's server is not usable
     */
    static TestDatabase database(ExtensionContext context, Engine engine) {
        Availability.Decision decision = decide(engine);
        if (decision.outcome() != Availability.Outcome.RUN) {
            throw new ParameterResolutionException("No " + engine.key() + " TestDatabase: " + decision.reason());
        }
        // Keyed by the context's id: a store also answers for its ancestors' keys, and a test must not
        // receive (and add namespaces to) the database of its class.
        Object key = List.of(context.getUniqueId(), engine);
        return context.getStore(NAMESPACE)
                .computeIfAbsent(key, k -> new Owned(new TestDatabase(TestServers.settings(engine))), Owned.class)
                .database();
    }

    private static Availability.Decision decide(Engine engine) {
        try {
            return TestServers.decide(engine);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException(e.getMessage(), e);
        }
    }

    /** Store entry that cleans up after its database when the owning context closes. */
    private record Owned(TestDatabase database) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            database.close();
        }
    }
}
