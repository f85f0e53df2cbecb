package dev.wharf.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each user's {@link Grants}, read from the database once and kept until anything about access changes
 * (a binding, a role, a team, a user), when all of them are dropped: a check is then a lookup in memory,
 * and a change applies to the very next request.
 */
@Component
class AccessGrants {

    private final UserAccounts users;
    private final TeamStore teams;
    private final BindingStore bindings;
    private final RoleStore roles;
    /** Each entry remembers the generation it was read in; one from before the latest change is read again. */
    private record Cached(long generation, Grants grants) {}

    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every change, so a read that raced with one is not kept. */
    private final AtomicLong generation = new AtomicLong();

    private final ApplicationEventPublisher events;

    AccessGrants(UserAccounts users, TeamStore teams, BindingStore bindings, RoleStore roles, ApplicationEventPublisher events) {
        this.users = users;
        this.teams = teams;
        this.bindings = bindings;
        this.roles = roles;
        this.events = events;
    }

    Grants of(UUID userId) {
        long now = generation.get();
        Cached cached = cache.get(userId);
        if (cached != null && cached.generation() == now) {
            return cached.grants();
        }
        Grants read = read(userId);
        if (generation.get() == now) {
            cache.put(userId, new Cached(now, read));
        }
        return read;
    }

    /**
     * Called after every change to users, teams, roles, bindings or tokens. Inside a transaction the grants
     * are dropped again once it ends: a request that read them before the commit must not keep the old ones.
     * Open streams check again once the change is committed.
     */
    void changed() {
        drop();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    drop();
                    events.publishEvent(new AccessChanged()); // after the second drop: streams see what was committed
                }
            });
        } else {
            events.publishEvent(new AccessChanged());
        }
    }

    private void drop() {
        generation.incrementAndGet();
        cache.clear();
    }

    private Grants read(UUID userId) {
        Optional<UserAccount> user = users.findById(userId);
        if (user.isEmpty()) {
            return Grants.NONE;
        }
        List<Grants.Held> held = bindings.of(userId, teams.teamsOf(userId)).stream()
                .map(binding -> new Grants.Held(binding, roles.find(binding.role()).map(Role::permissions).orElse(Set.of())))
                .toList();
        return new Grants(user.get().enabled(), held);
    }
}
