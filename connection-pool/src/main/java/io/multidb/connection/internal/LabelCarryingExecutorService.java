package io.multidb.connection.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * What {@code LabelScope.wrap(ExecutorService)} returns: every task handed over is wrapped on the
 * submitting thread, so that it carries the label in scope there; life-cycle calls go straight to
 * the wrapped service.
 */
public final class LabelCarryingExecutorService implements ExecutorService {
    private final ExecutorService delegate;
    private final UnaryOperator<Runnable> runnables;
    private final CallableWrapper callables;

    /** Wraps a {@link Callable} keeping its result type, which a {@code UnaryOperator} cannot. */
    @FunctionalInterface
    public interface CallableWrapper {
        /**
         * @param task the task
         * @param <V>  what it returns
         * @return the task, wrapped
         */
        <V> Callable<V> wrap(Callable<V> task);
    }

    /**
     * @param delegate  the service that runs the tasks
     * @param runnables wraps a task on the submitting thread
     * @param callables wraps a task with a result on the submitting thread
     */
    public LabelCarryingExecutorService(ExecutorService delegate, UnaryOperator<Runnable> runnables,
            CallableWrapper callables) {
        this.delegate = delegate;
        this.runnables = runnables;
        this.callables = callables;
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(runnables.apply(command));
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return delegate.submit(callables.wrap(task));
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return delegate.submit(runnables.apply(task), result);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return delegate.submit(runnables.apply(task));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        return delegate.invokeAll(wrapped(tasks));
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return delegate.invokeAll(wrapped(tasks), timeout, unit);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        return delegate.invokeAny(wrapped(tasks));
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return delegate.invokeAny(wrapped(tasks), timeout, unit);
    }

    private <T> List<Callable<T>> wrapped(Collection<? extends Callable<T>> tasks) {
        List<Callable<T>> out = new ArrayList<>(tasks.size());
        for (Callable<T> task : tasks) {
            out.add(callables.wrap(task));
        }
        return out;
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return delegate.awaitTermination(timeout, unit);
    }

    @Override
    public String toString() {
        return "LabelScope.wrap(" + delegate + ")";
    }
}
