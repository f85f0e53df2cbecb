package dev.wharf.live;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The streams that get every frame of one source, each through its own bounded queue. Handing out never
 * waits: a stream whose queue is full is dropped on the spot (it reconnects). Not thread-safe: the source
 * holds its lock around every call, so each stream sees frames in the source's order.
 */
final class Fanout {

    private final List<StreamClient> clients = new ArrayList<>();

    void add(StreamClient client) {
        clients.add(client);
    }

    /** True when the stream was still here. */
    boolean remove(StreamClient client) {
        return clients.remove(client);
    }

    boolean isEmpty() {
        return clients.isEmpty();
    }

    int size() {
        return clients.size();
    }

    /** Offers {@code frame} to every stream; those that cannot take it are closed and told to {@code dropped}. */
    void offer(EventFrame frame, Consumer<StreamClient> dropped) {
        for (Iterator<StreamClient> open = clients.iterator(); open.hasNext(); ) {
            StreamClient client = open.next();
            if (!client.offer(frame)) {
                open.remove();
                client.close();
                dropped.accept(client);
            }
        }
    }

    /** Ends every stream with {@code last}, sent after what each has queued. */
    void finish(EventFrame last) {
        clients.forEach(client -> client.finish(last));
        clients.clear();
    }

    void closeAll() {
        clients.forEach(StreamClient::close);
        clients.clear();
    }
}
