package dev.wharf.hosts;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Whether each host answers: {@code up}, {@code down} or {@code unknown}, with a reason. Kept in memory
 * (it is a reading, not something stored); whoever watches the engines reports here. Until a watcher
 * has reported, a host is {@code unknown}.
 */
@Component
public class HostStatuses {

    private static final Status NOT_CHECKED = new Status("unknown", "not checked yet");

    private final Map<UUID, Status> statuses = new ConcurrentHashMap<>();

    public record Status(String state, String reason) {}

    public Status of(UUID hostId) {
        return statuses.getOrDefault(hostId, NOT_CHECKED);
    }

    public void report(UUID hostId, String state, String reason) {
        statuses.put(hostId, new Status(state, reason));
    }

    @TransactionalEventListener
    void forget(HostChanged changed) {
        if (changed.change() != HostChanged.Change.REGISTERED) {
            statuses.remove(changed.hostId());
        }
    }
}
