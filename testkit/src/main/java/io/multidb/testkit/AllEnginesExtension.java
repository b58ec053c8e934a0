package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** Behind {@link AllEngines}: one invocation per engine, each with its own gate and resolver. */
final class AllEnginesExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> AnnotationSupport.isAnnotated(method, AllEngines.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        AllEngines annotation = AnnotationSupport.findAnnotation(method, AllEngines.class)
                .orElseThrow(() -> new ExtensionConfigurationException("@AllEngines not found on " + method));
        List<Engine> engines = Arrays.stream(annotation.value()).distinct().toList();
        if (engines.isEmpty()) {
            throw new ExtensionConfigurationException("@AllEngines on " + method + " names no engine");
        }
        return engines.stream().map(EngineInvocation::new);
    }

    /** One engine's invocation: {@code [key]} as its name. */
    private record EngineInvocation(Engine engine) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + engine.key() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new EngineInvocationExtension(engine));
        }
    }

    /** Skips or fails the invocation when its server is missing; resolves its {@link TestDatabase}. */
    private record EngineInvocationExtension(Engine engine)
            implements ExecutionCondition, BeforeEachCallback, ParameterResolver {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return EngineGate.evaluate(List.of(engine));
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            EngineGate.failIfRequiredAndMissing(List.of(engine));
        }

        @Override
        public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return parameterContext.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
            return EngineGate.database(extensionContext, engine);
        }
    }
}
