package dev.wharf.hosts;

import dev.wharf.access.HostDirectory;
import dev.wharf.access.HostScope;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The registry, as access control sees it. */
@Component
class RegisteredHostDirectory implements HostDirectory {

    private final HostRegistry registry;

    RegisteredHostDirectory(HostRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<HostScope> scopeOf(UUID hostId) {
        return registry.find(hostId).map(RegisteredHost::scope);
    }

    @Override
    public List<HostRef> all() {
        return registry.list().stream().map(host -> new HostRef(host.id(), host.name(), host.group()))
                .sorted(Comparator.comparing(HostRef::name)).toList();
    }
}
