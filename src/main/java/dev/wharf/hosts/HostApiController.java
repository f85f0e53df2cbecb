package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.HostInfo;
import dev.wharf.web.PageOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/hosts} and {@code /api/v1/groups}. */
@RestController
class HostApiController {

    private final HostRegistry registry;
    private final VisibleHosts hosts;
    private final HostChanges changes;
    private final HostStatuses statuses;
    private final HostEngines engines;
    private final HostConnectionChecks checks;
    private final AccessPolicy access;

    HostApiController(HostRegistry registry, VisibleHosts hosts, HostChanges changes, HostStatuses statuses,
            HostEngines engines, HostConnectionChecks checks, AccessPolicy access) {
        this.registry = registry;
        this.hosts = hosts;
        this.changes = changes;
        this.statuses = statuses;
        this.engines = engines;
        this.checks = checks;
        this.access = access;
    }

    record HostRequest(String name, String group, String kind, String endpoint, HostRegistration.TlsPems tls) {
        HostRegistration registration() {
            return new HostRegistration(name, group, kind, endpoint, tls);
        }
    }

    record HostView(UUID id, String name, String group, String kind, String endpoint, String status,
            String statusReason, String tlsSubject, Instant tlsExpiresAt, HostPolicy policy) {}

    record GroupView(String name, long hosts) {}

    record ConnectionTestView(boolean ok, String engineVersion, String apiVersion, String os, String error) {}

    /**
     * A host's engine facts; {@code containers} counts by state ({@code running}, {@code paused}, {@code exited});
     * {@code schemaVersions} and {@code services} only on hcs hosts.
     */
    record HostInfoView(String engineVersion, String apiVersion, String os, String osType, String architecture,
            String kernelVersion, int cpus, long memoryBytes, Map<String, Integer> containers, int images,
            String storageDriver, List<String> schemaVersions, Map<String, String> services) {
        static HostInfoView of(HostInfo info) {
            Map<String, Integer> counts = new TreeMap<>();
            info.containersByState().forEach((state, count) -> counts.put(state.apiName(), count));
            return new HostInfoView(info.engineVersion(), info.apiVersion(), info.os(), info.osVersion(),
                    info.architecture(), info.kernelVersion(), info.cpus(), info.memoryBytes(), counts, info.images(),
                    info.storageDriver(), info.schemaVersions(), info.services());
        }
    }

    @Requires(value = Permission.HOST_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/api/v1/hosts")
    PageOf<HostView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<HostView> visible = hosts.all(caller).stream().map(this::view).toList();
        return PageOf.slice(visible, page, size);
    }

    @Requires(Permission.HOST_READ)
    @GetMapping("/api/v1/hosts/{hostId}")
    HostView get(@PathVariable UUID hostId, Authentication caller) {
        return view(hosts.require(caller, hostId, Permission.HOST_READ));
    }

    @Requires(value = Permission.HOST_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/hosts")
    ResponseEntity<HostView> register(@RequestBody HostRequest body, Authentication caller) {
        RegisteredHost host = changes.register(caller, body.registration());
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + host.id())).body(view(host));
    }

    /** Tries a registration without saving it: what answers there, or the exact error. */
    @Requires(value = Permission.HOST_MANAGE, on = Requires.On.GLOBAL)
    @PostMapping("/api/v1/hosts/test")
    ConnectionTestView test(@RequestBody HostRequest body, Authentication caller) {
        var check = checks.test(body.registration());
        return new ConnectionTestView(check.ok(), check.engineVersion(), check.apiVersion(), check.os(), check.error());
    }

    @Requires(Permission.HOST_READ)
    @GetMapping("/api/v1/hosts/{hostId}/info")
    HostInfoView info(@PathVariable UUID hostId, Authentication caller) {
        hosts.require(caller, hostId, Permission.HOST_READ);
        return HostInfoView.of(engines.engine(hostId).info());
    }

    @Requires(Permission.HOST_MANAGE)
    @PutMapping("/api/v1/hosts/{hostId}")
    HostView edit(@PathVariable UUID hostId, @RequestBody HostRequest body, Authentication caller) {
        RegisteredHost current = hosts.require(caller, hostId, Permission.HOST_MANAGE);
        return view(changes.edit(caller, current, body.registration()));
    }

    /** Replaces the host's policy on dangerous container settings; what the body leaves out is denied. */
    @Requires(Permission.HOST_MANAGE)
    @PutMapping("/api/v1/hosts/{hostId}/policy")
    HostView setPolicy(@PathVariable UUID hostId, @RequestBody HostPolicyRules.Requested body, Authentication caller) {
        RegisteredHost current = hosts.require(caller, hostId, Permission.HOST_MANAGE);
        return view(changes.setPolicy(caller, current, body));
    }

    @Requires(Permission.HOST_MANAGE)
    @DeleteMapping("/api/v1/hosts/{hostId}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, Authentication caller) {
        RegisteredHost current = hosts.require(caller, hostId, Permission.HOST_MANAGE);
        changes.remove(caller, current);
        return ResponseEntity.noContent().build();
    }

    @Requires(value = Permission.HOST_READ, on = Requires.On.EACH_HOST)
    @GetMapping("/api/v1/groups")
    PageOf<GroupView> groups(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<String> visibleGroups = hosts.all(caller).stream().map(RegisteredHost::group)
                .filter(java.util.Objects::nonNull).distinct().toList();
        List<GroupView> groups = registry.groups().stream().filter(g -> visibleGroups.contains(g.name()))
                .map(g -> new GroupView(g.name(), g.hosts())).toList();
        return PageOf.slice(groups, page, size);
    }

    private HostView view(RegisteredHost host) {
        HostStatuses.Status status = statuses.of(host.id());
        return new HostView(host.id(), host.name(), host.group(), host.kind().apiName(), host.endpoint(),
                status.state(), status.reason(), host.tlsSubject(), host.tlsExpiresAt(), host.policy());
    }
}
