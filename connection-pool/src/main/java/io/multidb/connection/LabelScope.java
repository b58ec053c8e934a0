package io.multidb.connection;

import io.multidb.connection.internal.LabelCarryingExecutorService;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The current label of a thread, for per-request routing: a web filter or interceptor opens a scope
 * with the request's tenant, and code below it asks for {@link DatabaseManager#getSession()} (or
 * {@link MultiDb#session()}) without naming a label.
 *
 * <pre>{@code
 * // in a servlet filter, a Spring HandlerInterceptor, an HttpHandler ...
 * try (LabelScope scope = LabelScope.open("tenant_" + request.getHeader("X-Tenant"))) {
 *     chain.doFilter(request, response);
 * }
 *
 * // anywhere below it, on the same thread
 * try (Session s = DatabaseManager.getSession()) {
 *     s.query("select * from orders");
 * }
 * }</pre>
 *
 * <p>Scopes nest: closing one restores exactly the label that was in scope when it was opened (or
 * none). With no scope open, {@code getSession()} throws {@link NoLabelInScopeException}: there is
 * never a default label, so a request that was not routed cannot reach another tenant's database.
 * The label is not checked when the scope opens (a tenant may be added later); the session is.
 *
 * <p>The label stays on its thread. It crosses into another thread only explicitly, through
 * {@link #wrap(Runnable)}, {@link #wrap(Callable)}, {@link #wrap(Executor)} or
 * {@link #wrap(ExecutorService)}; each wrapped task runs with the carried label and restores the
 * worker thread's own state when it ends, however it ends, so that nothing leaks to the next task of
 * a pooled thread. With Spring, {@code ThreadPoolTaskExecutor.setTaskDecorator(LabelScope::wrap)}
 * carries it into {@code @Async} methods.
 *
 * <p>It is held in a {@link ThreadLocal} (Java 17 has no {@code ScopedValue}) and takes no lock, so
 * it works the same on virtual threads.
 *
 * <p>javac's {@code -Xlint:try} warns about a try-with-resources variable that the block never
 * reads; where that lint is an error, use {@link #run(String, Runnable)} or
 * {@link #call(String, Work)}, or read {@link #label()} in the block.
 *
 * <p>Thread-safety: the static methods are thread-safe and act on the calling thread's scope. A
 * {@code LabelScope} object belongs to the thread that opened it: it must be closed there, in the
 * reverse order of opening, which try-with-resources does.
 */
public final class LabelScope implements AutoCloseable {
    private static final ThreadLocal<LabelScope> CURRENT = new ThreadLocal<>();

    private final String label;
    /** The scope this one hides, restored on close; {@code null} when none was open. */
    private final LabelScope previous;
    private final Thread owner;
    private boolean closed;

    private LabelScope(String label, LabelScope previous) {
        this.label = label;
        this.previous = previous;
        this.owner = Thread.currentThread();
    }

    /**
     * Makes {@code label} the calling thread's current label until the scope is closed.
     *
     * <pre>{@code
     * try (LabelScope scope = LabelScope.open("tenant_7")) {
     *     try (Session s = DatabaseManager.getSession()) { ... }    // on tenant_7
     * }
     * }</pre>
     *
     * <p>Thread-safety: acts on the calling thread only.
     *
     * @param label the label, not checked until a session is opened on it
     * @return the scope, to close on this thread (try-with-resources)
     * @throws NullPointerException when the label is {@code null}
     */
    public static LabelScope open(String label) {
        Objects.requireNonNull(label, "label");
        LabelScope scope = new LabelScope(label, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /**
     * The calling thread's current label.
     *
     * <pre>{@code
     * String tenant = LabelScope.current().orElse("(none)");
     * }</pre>
     *
     * <p>Thread-safety: reads the calling thread's scope only.
     *
     * @return the label of the innermost open scope, or empty when none is open
     */
    public static Optional<String> current() {
        LabelScope scope = CURRENT.get();
        return scope == null ? Optional.empty() : Optional.of(scope.label);
    }

    /**
     * Runs work with {@code label} in scope, then restores what was in scope before, also when the
     * work throws.
     *
     * <pre>{@code
     * LabelScope.run("tenant_7", () -> orderService.closeDay());
     * }</pre>
     *
     * <p>Thread-safety: acts on the calling thread only.
     *
     * @param label the label
     * @param work  the work
     */
    public static void run(String label, Runnable work) {
        LabelScope scope = open(label);
        try {
            work.run();
        } finally {
            scope.close();
        }
    }

    /**
     * Runs work with {@code label} in scope and returns its result, then restores what was in scope
     * before, also when the work throws.
     *
     * <pre>{@code
     * long open = LabelScope.call("tenant_7", () -> DatabaseManager.read(s ->
     *         s.query(Long.class, "select count(*) from orders where state = 'open'").get(0)));
     * }</pre>
     *
     * <p>Thread-safety: acts on the calling thread only.
     *
     * @param label the label
     * @param work  the work
     * @param <R>   what the work returns
     * @param <X>   the checked exception the work may throw
     * @return what the work returned
     * @throws X what the work threw
     */
    public static <R, X extends Exception> R call(String label, Work<R, X> work) throws X {
        LabelScope scope = open(label);
        try {
            return work.apply();
        } finally {
            scope.close();
        }
    }

    /**
     * Carries the calling thread's current label (or its absence) into a task, for another thread:
     * captured now, in scope while the task runs, and the running thread's own state restored when
     * it ends.
     *
     * <pre>{@code
     * try (LabelScope scope = LabelScope.open("tenant_7")) {
     *     new Thread(LabelScope.wrap(() -> reportService.rebuild())).start();   // runs on tenant_7
     * }
     * }</pre>
     *
     * <p>Thread-safety: the returned task may run on any thread, any number of times.
     *
     * @param task the task
     * @return the task carrying the label
     */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        String carried = carried();
        return () -> {
            LabelScope saved = enter(carried);
            try {
                task.run();
            } finally {
                restore(saved);
            }
        };
    }

    /**
     * Carries the calling thread's current label (or its absence) into a task that returns a value,
     * as {@link #wrap(Runnable)} does.
     *
     * <pre>{@code
     * Future<List<Order>> orders = pool.submit(LabelScope.wrap(() -> orderDao.findOpen()));
     * }</pre>
     *
     * <p>Thread-safety: the returned task may run on any thread, any number of times.
     *
     * @param task the task
     * @param <V>  what it returns
     * @return the task carrying the label
     */
    public static <V> Callable<V> wrap(Callable<V> task) {
        Objects.requireNonNull(task, "task");
        String carried = carried();
        return () -> {
            LabelScope saved = enter(carried);
            try {
                return task.call();
            } finally {
                restore(saved);
            }
        };
    }

    /**
     * An executor whose tasks carry the label that was in scope on the thread that handed each one
     * over (captured at {@code execute}, not now), so that one wrapped executor, made at start-up,
     * serves every tenant.
     *
     * <pre>{@code
     * Executor executor = LabelScope.wrap(ForkJoinPool.commonPool());
     * CompletableFuture.supplyAsync(() -> orderDao.findOpen(), executor);   // on the caller's label
     * }</pre>
     *
     * <p>Thread-safety: as thread-safe as the executor it wraps.
     *
     * @param executor the executor
     * @return the executor carrying labels
     */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(wrap(task));
    }

    /**
     * An executor service whose tasks carry the label that was in scope on the thread that submitted
     * each one (captured at submission); shutting it down shuts down the service it wraps.
     *
     * <pre>{@code
     * ExecutorService workers = LabelScope.wrap(Executors.newFixedThreadPool(8));
     * try (LabelScope scope = LabelScope.open("tenant_7")) {
     *     workers.invokeAll(List.of(() -> countOrders(), () -> countInvoices()));   // both on tenant_7
     * }
     * }</pre>
     *
     * <p>Thread-safety: as thread-safe as the service it wraps.
     *
     * @param executor the executor service
     * @return the executor service carrying labels
     */
    public static ExecutorService wrap(ExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return new LabelCarryingExecutorService(executor, LabelScope::wrap, LabelScope::wrap);
    }

    /**
     * @return the label this scope put in scope
     */
    public String label() {
        return label;
    }

    /**
     * Restores the label that was in scope when this scope was opened (or none). Idempotent.
     *
     * @throws IllegalStateException when called on another thread than the one that opened the
     *     scope, or while a scope opened inside this one is still open (that scope is then closed as
     *     well, so that the thread is left as it was before this one)
     */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("The LabelScope of label '" + label + "' was opened on thread '"
                    + owner.getName() + "' and must be closed there, not on '" + Thread.currentThread().getName()
                    + "'; to run work on another thread with its label, use LabelScope.wrap(...)");
        }
        if (closed) {
            return;
        }
        closed = true;
        LabelScope innermost = CURRENT.get();
        // scopes opened inside this one and left open end with it: closing them later does nothing
        for (LabelScope inner = innermost; inner != null && inner != this; inner = inner.previous) {
            inner.closed = true;
        }
        restore(previous);
        if (innermost != this) {
            throw new IllegalStateException("The LabelScope of label '" + label + "' was closed while a scope opened"
                    + " inside it (label '" + (innermost == null ? null : innermost.label) + "') was still open;"
                    + " close scopes in the reverse order of opening (try-with-resources does). Both are closed now.");
        }
    }

    @Override
    public String toString() {
        return "LabelScope{label=" + label + (closed ? ", closed" : "") + "}";
    }

    /**
     * @param call the call that needs the label, for the error
     * @return the calling thread's current label
     * @throws NoLabelInScopeException when none is in scope
     */
    static String required(String call) {
        LabelScope scope = CURRENT.get();
        if (scope == null) {
            throw new NoLabelInScopeException(call);
        }
        return scope.label;
    }

    private static String carried() {
        LabelScope scope = CURRENT.get();
        return scope == null ? null : scope.label;
    }

    /** Puts the carried label (or none) in scope on the running thread; returns what to restore. */
    private static LabelScope enter(String carried) {
        LabelScope saved = CURRENT.get();
        if (carried == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(new LabelScope(carried, null));
        }
        return saved;
    }

    /** Removes rather than sets {@code null}, so that an idle pooled thread keeps no entry at all. */
    private static void restore(LabelScope scope) {
        if (scope == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(scope);
        }
    }

    /**
     * Work run by {@link #call(String, Work)}.
     *
     * @param <R> what it returns
     * @param <X> the checked exception it may throw
     */
    @FunctionalInterface
    public interface Work<R, X extends Exception> {
        /**
         * @return the result
         * @throws X when the work fails
         */
        R apply() throws X;
    }
}
