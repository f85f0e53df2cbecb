package dev.wharf.docker;

import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.EngineDriver;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Opens Docker engines; Docker hosts can be reached from any console. */
@Component
class DockerEngineDriver implements EngineDriver {

    private final DockerSettings settings;

    DockerEngineDriver(DockerSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return "docker";
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public ContainerEngine open(EngineTarget target) {
        return new DockerEngine(target, settings, true);
    }

    /**
     * Connects to a TLS endpoint without a client certificate. A daemon that does not verify clients
     * ({@code --tls} without {@code --tlsverify}, or {@code --tlsverify=false}) answers, and then anyone
     * who reaches its port controls the host.
     */
    @Override
    public Optional<String> openToAnyone(EngineTarget target) {
        if (!target.endpoint().startsWith("tcp://") || target.tls() == null) {
            return Optional.empty();
        }
        try (DockerEngine anonymous = new DockerEngine(target, settings, false)) {
            anonymous.info();
            return Optional.of("the engine at " + target.endpoint() + " accepts clients without a certificate "
                    + "(it does not verify clients), so anyone who can reach it controls the host; "
                    + "restart it with --tlsverify and a CA");
        } catch (EngineException refusedOrUnreachable) {
            return Optional.empty();
        }
    }
}
