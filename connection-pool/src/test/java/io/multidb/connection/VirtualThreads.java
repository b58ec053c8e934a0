package io.multidb.connection;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Starts virtual threads (JDK 21 and later) from code compiled for Java 17. */
final class VirtualThreads {
    private VirtualThreads() {
    }

    /**
     * @param task what the thread runs
     * @return the started virtual thread
     * @throws UnsupportedOperationException before JDK 21
     */
    static Thread start(Runnable task) {
        try {
            MethodHandle start = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
            return (Thread) start.invokeExact(task);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later", e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
