package dev.wharf.hosts;

import dev.wharf.engine.EngineDriver;
import dev.wharf.engine.EngineDrivers;
import dev.wharf.engine.EngineTarget;
import dev.wharf.web.InvalidInputException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the registry asks of the engines before it saves a host: can this kind run here, does a TCP
 * engine refuse clients without a certificate, and (for the "Test connection" step) what answers at an
 * endpoint. Nothing here is saved.
 */
@Component
class HostConnectionChecks {

    static final String HCS_NEEDS = "HCS needs Windows Server 2019 / Windows 10 1809 or later";

    private final EngineDrivers drivers;
    private final Clock clock;

    HostConnectionChecks(EngineDrivers drivers, Clock clock) {
        this.drivers = drivers;
        this.clock = clock;
    }

    /**
     * Registers no engine that anyone could drive: a TCP engine that also answers a client without a
     * certificate is refused. The probe needs no key, so none is opened for it.
     */
    void refuseOpenEngine(EngineTarget target) {
        if (!drivers.kinds().contains(target.kind())) {
            return;
        }
        drivers.driver(target.kind()).openToAnyone(target).ifPresent(why -> {
            throw new InvalidInputException("endpoint", why);
        });
    }

    /** Whether computecore loads on this console's machine, so the hcs kind can be offered. */
    boolean hcsAvailable() {
        return hcsAvailability().available();
    }

    void requireHcsAvailable() {
        EngineDriver.Availability availability = hcsAvailability();
        if (!availability.available()) {
            throw new InvalidInputException("kind", "hcs is not available on this console's machine: " + availability.reason());
        }
    }

    private EngineDriver.Availability hcsAvailability() {
        return drivers.kinds().contains(HostKind.HCS.apiName())
                ? drivers.availability(HostKind.HCS.apiName())
                : EngineDriver.Availability.no(HCS_NEEDS);
    }

    /** Checks a registration as the registry would, then reports what answers there. */
    EngineDriver.ConnectionCheck test(HostRegistration request) {
        return test(request, null);
    }

    /**
     * The same for an edit of {@code stored}: its kind stays, and a tcp endpoint given without new material
     * is tried with the stored material, as saving the edit would keep it.
     */
    EngineDriver.ConnectionCheck test(HostRegistration request, EngineTarget stored) {
        String name = HostRules.name(request.name() == null || request.name().isBlank() ? "test" : request.name());
        HostKind kind = HostRules.kind(stored != null ? stored.kind() : request.kind());
        HostRules.Endpoint endpoint = HostRules.endpoint(kind, request.endpoint());
        if (kind == HostKind.HCS) {
            requireHcsAvailable();
        }
        EngineTarget.TlsMaterial material;
        if (stored != null && stored.tls() != null && endpoint.tcp() && request.tls() == null) {
            material = stored.tls();
        } else {
            TlsMaterial tls = TlsMaterial.forEndpoint(endpoint.tcp(), request.tls(), clock.instant(), false);
            material = tls == null ? null : tls.engineMaterial();
        }
        EngineTarget target = new EngineTarget(UUID.randomUUID(), name, kind.apiName(), endpoint.value(), material);
        EngineDriver driver = drivers.driver(kind.apiName());
        var open = driver.openToAnyone(target);
        if (open.isPresent()) {
            return EngineDriver.ConnectionCheck.failed(open.get());
        }
        return driver.check(target);
    }
}
