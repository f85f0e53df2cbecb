package dev.wharf.engine;

/** An open event stream; closing it stops delivery and releases the connection. */
@FunctionalInterface
public interface EventSubscription extends AutoCloseable {

    @Override
    void close();
}
