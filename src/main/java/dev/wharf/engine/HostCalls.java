package dev.wharf.engine;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A bounded thread pool of one host. Callers wait at most the call's deadline; a hung engine ties up
 * only its own threads and queue, and a full queue is refused at once instead of piling up.
 */
public final class HostCalls implements AutoCloseable {

    private final EngineTarget target;
    private final BiFunction<Throwable, EngineTarget, EngineException> failures;
    private final ThreadPoolExecutor executor;

    /**
     * @param failures turns what a call threw into the engine's meaning (each adapter knows its own errors)
     */
    public HostCalls(EngineTarget target, String threadName, int threads, int queue,
            BiFunction<Throwable, EngineTarget, EngineException> failures) {
        this.target = target;
        this.failures = failures;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                runnable -> {
                    Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    public <T> T call(Duration deadline, Callable<T> work) {
        Future<T> future;
        try {
            future = executor.submit(work);
        } catch (RejectedExecutionException e) {
            throw new EngineException.Unavailable(executor.isShutdown()
                    ? "The connection to host '" + target.name() + "' was closed (the host was edited or removed)"
                    : "Host '" + target.name() + "' has too many calls waiting; try again shortly", target.hostId(), e);
        }
        try {
            return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new EngineException.Timeout("Host '" + target.name() + "' did not answer within "
                    + deadline.toSeconds() + " s", target.hostId(), e);
        } catch (ExecutionException e) {
            throw failures.apply(e.getCause(), target);
        } catch (java.util.concurrent.CancellationException e) {
            throw new EngineException.Unavailable("The connection to host '" + target.name() + "' was closed", target.hostId(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new EngineException.Timeout("Interrupted while waiting for host '" + target.name() + "'", target.hostId(), e);
        }
    }

    /** Stops the threads and cancels what waits in the queue, so its callers return at once. */
    @Override
    public void close() {
        for (Runnable waiting : executor.shutdownNow()) {
            if (waiting instanceof Future<?> future) {
                future.cancel(true);
            }
        }
    }
}
