package dev.wharf.access;

import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What other modules change in access control: a removed host's bindings, the first admin's. */
@Component
public class AccessBindings {

    private final BindingStore bindings;
    private final AccessGrants grants;
    private final Clock clock;

    AccessBindings(BindingStore bindings, AccessGrants grants, Clock clock) {
        this.bindings = bindings;
        this.grants = grants;
        this.clock = clock;
    }

    /** A removed host's bindings go with it, so they never show as grants on nothing. */
    public void forgetHost(UUID hostId) {
        bindings.deleteHostScoped(hostId);
        grants.changed();
    }

    /** The initial admin holds {@code admin} everywhere; somebody must be able to grant everything else. */
    void makeAdmin(UUID userId, String by) {
        bindings.insert(new Binding(UUID.randomUUID(), Binding.Subject.user(userId), Role.ADMIN.name(), Scope.GLOBAL,
                clock.instant(), by));
        grants.changed();
    }
}
