package dev.wharf.live;

import dev.wharf.access.AccessChanged;
import dev.wharf.access.AccessPolicy;
import dev.wharf.web.TooManyRequestsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import jakarta.annotation.PreDestroy;
import org.springframework.context.event.EventListener;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.session.HttpSessionDestroyedEvent;
import org.springframework.stereotype.Component;

/**
 * Every open stream of every kind (events, pages, stats, logs), by user and by browser session: a user
 * may hold only so many at once, and signing out (or a session that expires) closes the streams that
 * session opened, so an EventSource left in a tab stops receiving the moment its session ends.
 */
@Component
class OpenStreams {

    /** One open stream; {@link #close()} ends it, {@link #release()} is called once it has ended. */
    final class Permit {
        private final String user;
        private final String sessionId;
        private final Authentication caller;
        private final BooleanSupplier stillAllowed;
        private Runnable closer;
        private boolean closeRequested;

        private Permit(Authentication caller, String sessionId, BooleanSupplier stillAllowed) {
            this.user = caller.getName();
            this.caller = caller;
            this.sessionId = sessionId;
            this.stillAllowed = stillAllowed;
        }

        /** The caller may still sign in (account enabled, token not revoked) and still watch what this stream shows. */
        boolean stillValid() {
            return access.stillSignedIn(caller) && stillAllowed.getAsBoolean();
        }

        /** How to end the stream from outside; set once the stream exists (at once if its session already ended). */
        void closeWith(Runnable closer) {
            boolean now;
            synchronized (this) {
                this.closer = closer;
                now = closeRequested;
            }
            if (now) {
                closer.run();
            }
        }

        void close() {
            Runnable run;
            synchronized (this) {
                closeRequested = true;
                run = closer;
            }
            if (run != null) {
                run.run();
            }
        }

        void release() {
            synchronized (OpenStreams.this) {
                List<Permit> held = byUser.get(user);
                if (held != null && held.remove(this) && held.isEmpty()) {
                    byUser.remove(user);
                }
            }
        }
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OpenStreams.class);

    private final LiveSettings settings;
    private final AccessPolicy access;
    private final Map<String, List<Permit>> byUser = new HashMap<>();

    /**
     * Some access ends without any change to announce it: a token expires. Every heartbeat interval all open
     * streams are checked again, so such a stream ends within one interval.
     */
    private final ScheduledExecutorService recheck = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "wharf-stream-recheck");
        thread.setDaemon(true);
        return thread;
    });

    OpenStreams(LiveSettings settings, AccessPolicy access) {
        this.settings = settings;
        this.access = access;
        long every = settings.heartbeat().toMillis();
        recheck.scheduleWithFixedDelay(() -> {
            try {
                closeThoseNoLongerAllowed();
            } catch (RuntimeException e) {
                log.warn("Could not check open streams against access now; trying again in {} ms", every, e); // a failed run must not end the schedule
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        recheck.shutdownNow();
    }

    /**
     * Counts a new stream for {@code caller}, or refuses it (429) when they already hold as many as
     * {@code wharf.live.streams-per-user} allows.
     *
     * @param sessionId the browser session the stream belongs to; null for API streams (bearer tokens)
     * @param stillAllowed asked again whenever access changes: false ends the stream
     */
    synchronized Permit acquire(Authentication caller, String sessionId, BooleanSupplier stillAllowed) {
        List<Permit> held = byUser.computeIfAbsent(caller.getName(), user -> new ArrayList<>());
        if (held.size() >= settings.streamsPerUser()) {
            throw new TooManyRequestsException("You have " + held.size() + " streams open, the most one user may hold;"
                    + " close one (another tab, another client) and try again", settings.retry());
        }
        Permit permit = new Permit(caller, sessionId, stillAllowed);
        held.add(permit);
        return permit;
    }

    synchronized int openBy(String user) {
        List<Permit> held = byUser.get(user);
        return held == null ? 0 : held.size();
    }

    /**
     * A binding, role, team, user or token changed: every stream whose viewer may no longer sign in (disabled,
     * token revoked) or no longer see what it shows ends. Checked once the change is committed.
     */
    @EventListener
    void accessChanged(AccessChanged changed) {
        closeThoseNoLongerAllowed();
    }

    private void closeThoseNoLongerAllowed() {
        List<Permit> all = new ArrayList<>();
        synchronized (this) {
            byUser.values().forEach(all::addAll);
        }
        List<Permit> ending = all.stream().filter(permit -> !permit.stillValid()).toList();
        if (!ending.isEmpty()) {
            log.info("Closing {} streams whose viewers lost access", ending.size());
        }
        ending.forEach(Permit::close);
    }

    /** Sign-out and session expiry: the session's streams end with it. */
    @EventListener
    void sessionEnded(HttpSessionDestroyedEvent ended) {
        List<Permit> closing = new ArrayList<>();
        synchronized (this) {
            byUser.values().forEach(held -> held.stream()
                    .filter(permit -> ended.getId().equals(permit.sessionId)).forEach(closing::add));
        }
        log.debug("Session ended: closing its {} streams", closing.size());
        closing.forEach(Permit::close); // outside the lock: closing takes the stream source's lock
    }
}
