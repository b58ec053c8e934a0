package io.multidb.testkit;

import io.multidb.connection.Engine;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Behind {@link RequiresEngine}: every annotation from the method outwards gates the test; the nearest one
 * resolves its parameters.
 */
final class RequiresEngineExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<Engine> engines = requirements(context);
        return engines.isEmpty() ? ConditionEvaluationResult.enabled("no @RequiresEngine") : EngineGate.evaluate(engines);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        EngineGate.failIfRequiredAndMissing(requirements(context));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (parameterContext.getParameter().getType() != TestDatabase.class || engines(extensionContext).isEmpty()) {
            return false;
        }
        // inside an @AllEngines invocation, that invocation's engine decides
        return extensionContext.getTestMethod()
                .map(method -> !AnnotationSupport.isAnnotated(method, AllEngines.class))
                .orElse(true);
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        List<Engine> engines = engines(extensionContext);
        if (engines.size() == 1) {
            return EngineGate.database(extensionContext, engines.get(0));
        }
        Executable executable = parameterContext.getDeclaringExecutable();
        Parameter[] parameters = executable.getParameters();
        int position = 0;
        for (int i = 0; i < parameterContext.getIndex(); i++) {
            if (parameters[i].getType() == TestDatabase.class) {
                position++;
            }
        }
        if (position >= engines.size()) {
            throw new ParameterResolutionException(executable + " has more TestDatabase parameters than the "
                    + engines.size() + " engines of its @RequiresEngine " + engines
                    + "; the n-th TestDatabase parameter is the n-th engine's");
        }
        return EngineGate.database(extensionContext, engines.get(position));
    }

    /**
     * @return the engines of the nearest {@code @RequiresEngine} (on the method, its class, or an
     *     enclosing class), which parameters are resolved against; empty when there is none
     */
    private static List<Engine> engines(ExtensionContext context) {
        List<List<Engine>> chain = annotationChain(context);
        return chain.isEmpty() ? List.of() : chain.get(0);
    }

    /**
     * @return every engine named by a {@code @RequiresEngine} on the method, its class or an
     *     enclosing class: a test needs them all
     */
    private static List<Engine> requirements(ExtensionContext context) {
        Set<Engine> engines = EnumSet.noneOf(Engine.class);
        annotationChain(context).forEach(engines::addAll);
        return List.copyOf(engines);
    }

    /** The engines of each {@code @RequiresEngine} from {@code context} outwards, nearest first. */
    private static List<List<Engine>> annotationChain(ExtensionContext context) {
        List<List<Engine>> chain = new ArrayList<>();
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            Optional<AnnotatedElement> element = current.get().getElement();
            Optional<RequiresEngine> annotation = element.flatMap(e -> AnnotationSupport.findAnnotation(e,
                    RequiresEngine.class));
            if (annotation.isPresent()) {
                List<Engine> engines = Arrays.stream(annotation.get().value()).distinct().toList();
                if (engines.isEmpty()) {
                    throw new ExtensionConfigurationException("@RequiresEngine on " + element.get()
                            + " names no engine");
                }
                chain.add(engines);
            }
        }
        return chain;
    }
}
