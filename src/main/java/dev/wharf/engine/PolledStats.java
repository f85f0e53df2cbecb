package dev.wharf.engine;

import java.time.Duration;

/**
 * Stats for engines that can only be asked for one sample at a time (HCS): a thread asks once per
 * interval until the stream is closed or the engine fails.
 */
final class PolledStats implements EngineStream {

    private final Thread thread;
    private volatile boolean closed;

    private PolledStats(ContainerEngine engine, String containerId, Listener<StatsSample> listener, Duration interval) {
        this.thread = new Thread(() -> poll(engine, containerId, listener, interval), "stats-poll-" + containerId);
        this.thread.setDaemon(true);
    }

    static PolledStats start(ContainerEngine engine, String containerId, Listener<StatsSample> listener, Duration interval) {
        PolledStats stats = new PolledStats(engine, containerId, listener, interval);
        stats.thread.start();
        return stats;
    }

    private void poll(ContainerEngine engine, String containerId, Listener<StatsSample> listener, Duration interval) {
        try {
            while (!closed) {
                long next = System.nanoTime() + interval.toNanos();
                StatsSample sample = engine.stats(containerId);
                if (closed) {
                    return;
                }
                listener.next(sample);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        } catch (EngineException e) {
            if (!closed) {
                listener.ended(e);
            }
        } catch (RuntimeException e) {
            if (!closed) {
                listener.ended(new EngineException.Unavailable("Reading stats failed: " + e, null, e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
