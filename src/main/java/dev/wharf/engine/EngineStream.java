package dev.wharf.engine;

/**
 * Something an engine pushes until it is closed: a container's stats once a second, or its log lines
 * as they are written. Closing it stops delivery and releases the connection (or thread) behind it.
 */
@FunctionalInterface
public interface EngineStream extends AutoCloseable {

    @Override
    void close();

    /**
     * Where a stream delivers. Both methods are called on the stream's own thread, one call at a time,
     * and must not wait long: the engine's connection stands still meanwhile.
     */
    interface Listener<T> {

        void next(T item);

        /**
         * The engine ended the stream: the container stopped or went away, or the host stopped answering
         * ({@code failure} says which; null when the engine simply finished). Not called after a close.
         */
        void ended(EngineException failure);
    }
}
