package dev.wharf.hosts;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.engine.EngineDrivers;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * On a start with no hosts, registers the machine's own engine as host {@code local}, so a new console
 * shows something: HCS where it loads (a Windows host), else the Docker socket if there is one.
 */
@Component
class LocalHostBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(LocalHostBootstrap.class);

    private final HostsProperties properties;
    private final HostRegistry registry;
    private final EngineDrivers drivers;
    private final AuditTrail audit;

    LocalHostBootstrap(HostsProperties properties, HostRegistry registry, EngineDrivers drivers, AuditTrail audit) {
        this.properties = properties;
        this.registry = registry;
        this.drivers = drivers;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.registerLocal() || !registry.list().isEmpty()) {
            return;
        }
        HostRegistration local;
        if (drivers.kinds().contains(HostKind.HCS.apiName()) && drivers.availability(HostKind.HCS.apiName()).available()) {
            local = new HostRegistration("local", null, HostKind.HCS.apiName(), HostRules.LOCAL, null);
        } else if (Files.exists(properties.localDockerSocket())) {
            local = new HostRegistration("local", null, HostKind.DOCKER.apiName(),
                    "unix://" + properties.localDockerSocket().toAbsolutePath(), null);
        } else {
            return;
        }
        try {
            RegisteredHost host = registry.register(local);
            audit.record(new AuditEntry("system", null, "host.create", host.id(), host.name(), AuditEntry.Outcome.SUCCESS,
                    "registered the local engine " + host.endpoint()));
            log.info("Registered this machine's engine as host 'local' ({}).", host.endpoint());
        } catch (RuntimeException e) {
            // another replica may have registered it first; the console runs without it either way
            log.info("Did not register the local engine: {}", e.getMessage());
        }
    }
}
