package io.multidb.dao;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A JDBC interface stub that records the calls made on it: which overload a dialect chose, and
 * with what. Calls return {@code null} (or {@code false}/0), so only what a dialect sends is
 * observed, never what a driver would answer.
 */
final class Recorder {
    private final List<String> calls = new ArrayList<>();

    <T> T stub(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "stub " + type.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            calls.add(method.getName() + describe(args));
            return defaultValue(method.getReturnType());
        }));
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static String describe(Object[] args) {
        if (args == null) {
            return "()";
        }
        List<String> out = new ArrayList<>();
        for (Object a : args) {
            out.add(a instanceof String[] s ? Arrays.toString(s) : a == null ? "null"
                    : a.getClass().getSimpleName() + ":" + a);
        }
        return "(" + String.join(", ", out) + ")";
    }

    List<String> calls() {
        return calls;
    }
}
