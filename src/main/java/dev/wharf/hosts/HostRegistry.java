package dev.wharf.hosts;

import dev.wharf.access.AccessBindings;
import dev.wharf.engine.EngineTarget;
import dev.wharf.web.ConflictException;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.jdbc.core.JdbcAggregateOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, edits and removes hosts. Input is checked completely before anything is written, so a
 * refused request changes nothing. Access checks and audit entries are the callers' (the controllers').
 */
@Component
public class HostRegistry {

    private final Hosts hosts;
    private final JdbcAggregateOperations aggregates;
    private final SecretBox secrets;
    private final HostConnectionChecks checks;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AccessBindings bindings;

    HostRegistry(Hosts hosts, JdbcAggregateOperations aggregates, SecretBox secrets, HostConnectionChecks checks,
            ApplicationEventPublisher events, Clock clock, AccessBindings bindings) {
        this.hosts = hosts;
        this.aggregates = aggregates;
        this.secrets = secrets;
        this.checks = checks;
        this.events = events;
        this.clock = clock;
        this.bindings = bindings;
    }

    public List<RegisteredHost> list() {
        return hosts.findAllByOrderByNameAsc().stream().map(Host::view).toList();
    }

    public Optional<RegisteredHost> find(UUID id) {
        return hosts.findById(id).map(Host::view);
    }

    public List<HostGroup> groups() {
        return hosts.countByGroup().stream().map(g -> new HostGroup(g.groupName(), g.hosts())).toList();
    }

    public record HostGroup(String name, long hosts) {}

    @Transactional
    public RegisteredHost register(HostRegistration request) {
        String name = HostRules.name(request.name());
        String group = HostRules.group(request.group());
        HostKind kind = HostRules.kind(request.kind());
        HostRules.Endpoint endpoint = HostRules.endpoint(kind, request.endpoint());
        boolean tcp = endpoint.tcp();
        if (kind == HostKind.HCS) {
            checks.requireHcsAvailable();
        }
        Instant now = now();
        UUID id = UUID.randomUUID();
        TlsMaterial tls = TlsMaterial.forEndpoint(tcp, request.tls(), now, false);
        requireUniqueName(name, null);
        if (kind == HostKind.HCS && hosts.existsByKind(HostKind.HCS.apiName())) {
            throw new ConflictException("kind", "an hcs host is already registered; there is at most one per console");
        }
        if (tls != null) {
            checks.refuseOpenEngine(new EngineTarget(id, name, kind.apiName(), endpoint.value(), tls.engineMaterial()));
        }
        Host host = save(() -> aggregates.insert(new Host(id, name, group, kind.apiName(), endpoint.value(),
                tls == null ? null : tls.caPem(), tls == null ? null : tls.certPem(),
                tls == null ? null : secrets.seal(tls.keyPem(), id.toString()),
                tls == null ? null : tls.subject(), tls == null ? null : tls.expiresAt(), now, now,
                Host.StoredPolicy.of(HostPolicy.DENY_ALL))), name);
        events.publishEvent(new HostChanged(id, HostChanged.Change.REGISTERED, host.view()));
        return host.view();
    }

    /** Replaces name, group and endpoint; {@code tls == null} keeps the stored material while the endpoint stays TCP. */
    @Transactional
    public RegisteredHost edit(UUID id, HostRegistration request) {
        Host current = hosts.findById(id).orElseThrow(() -> new NotFoundException("No host " + id));
        if (request.kind() != null && !request.kind().equals(current.kind())) {
            throw new InvalidInputException("kind", "cannot change (this host is '" + current.kind()
                    + "'); remove it and register it again");
        }
        HostKind kind = HostKind.parse(current.kind()).orElseThrow();
        String name = HostRules.name(request.name());
        String group = HostRules.group(request.group());
        HostRules.Endpoint endpoint = HostRules.endpoint(kind, request.endpoint());
        boolean tcp = endpoint.tcp();
        Instant now = now();
        TlsMaterial tls = TlsMaterial.forEndpoint(tcp, request.tls(), now, current.hasTls());
        requireUniqueName(name, id);
        if (tcp && (tls != null || !endpoint.value().equals(current.endpoint()))) {
            checks.refuseOpenEngine(new EngineTarget(id, name, current.kind(), endpoint.value(), tls != null
                    ? tls.engineMaterial() : new EngineTarget.TlsMaterial(current.tlsCa(), current.tlsCert(), null)));
        }
        Host edited;
        if (!tcp) {
            edited = new Host(id, name, group, current.kind(), endpoint.value(), null, null, null, null, null,
                    current.createdAt(), now, current.policy());
        } else if (tls == null) {
            edited = new Host(id, name, group, current.kind(), endpoint.value(), current.tlsCa(), current.tlsCert(),
                    current.tlsKeySealed(), current.tlsSubject(), current.tlsExpiresAt(), current.createdAt(), now,
                    current.policy());
        } else {
            edited = new Host(id, name, group, current.kind(), endpoint.value(), tls.caPem(), tls.certPem(),
                    secrets.seal(tls.keyPem(), id.toString()), tls.subject(), tls.expiresAt(), current.createdAt(), now,
                    current.policy());
        }
        Host saved = save(() -> aggregates.update(edited), name);
        events.publishEvent(new HostChanged(id, HostChanged.Change.EDITED, saved.view()));
        return saved.view();
    }

    /**
     * Replaces the host's policy. Publishes no {@link HostChanged}: the engine is the same, so its
     * connection and watcher stay open; the next create reads the new policy.
     */
    @Transactional
    RegisteredHost setPolicy(UUID id, HostPolicyRules.Requested requested) {
        Host current = hosts.findById(id).orElseThrow(() -> new NotFoundException("No host " + id));
        HostPolicy policy = HostPolicyRules.checked(requested);
        return aggregates.update(current.withPolicy(policy, now())).view();
    }

    @Transactional
    public RegisteredHost remove(UUID id) {
        Host host = hosts.findById(id).orElseThrow(() -> new NotFoundException("No host " + id));
        hosts.delete(host);
        bindings.forgetHost(id);
        events.publishEvent(new HostChanged(id, HostChanged.Change.REMOVED, host.view()));
        return host.view();
    }

    /**
     * How to reach a host's engine, with its private key opened. Only engine adapters need this; the
     * key lives in memory for as long as the connection does.
     */
    public EngineTarget target(UUID id) {
        Host host = hosts.findById(id).orElseThrow(() -> new NotFoundException("No host " + id));
        EngineTarget.TlsMaterial tls = null;
        if (host.hasTls()) {
            String key;
            try {
                key = secrets.open(host.tlsKeySealed(), id.toString());
            } catch (SecretBox.Unreadable e) {
                throw new IllegalStateException("The TLS key of host '" + host.name() + "' cannot be decrypted: "
                        + "it was changed in the database, or the console runs with another secret key. "
                        + "Edit the host and upload its key again.");
            }
            tls = new EngineTarget.TlsMaterial(host.tlsCa(), host.tlsCert(), key);
        }
        return new EngineTarget(id, host.name(), host.kind(), host.endpoint(), tls);
    }


    private void requireUniqueName(String name, UUID self) {
        hosts.findByName(name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw new ConflictException("name", "a host named '" + name + "' is already registered");
        });
    }

    /** The unique index is the last word: two requests racing for one name get one 409. */
    private static Host save(java.util.function.Supplier<Host> write, String name) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("name", "a host named '" + name + "' is already registered");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
