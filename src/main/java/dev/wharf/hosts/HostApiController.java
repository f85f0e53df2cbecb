package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Permission;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.PageOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Instant;
import java.util.List;
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
    private final AccessPolicy access;

    HostApiController(HostRegistry registry, VisibleHosts hosts, HostChanges changes, HostStatuses statuses,
            AccessPolicy access) {
        this.registry = registry;
        this.hosts = hosts;
        this.changes = changes;
        this.statuses = statuses;
        this.access = access;
    }

    record HostRequest(String name, String group, String kind, String endpoint, HostRegistration.TlsPems tls) {
        HostRegistration registration() {
            return new HostRegistration(name, group, kind, endpoint, tls);
        }
    }

    record HostView(UUID id, String name, String group, String kind, String endpoint, String status,
            String statusReason, String tlsSubject, Instant tlsExpiresAt) {}

    record GroupView(String name, long hosts) {}

    @GetMapping("/api/v1/hosts")
    PageOf<HostView> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<HostView> visible = hosts.all(caller).stream().map(this::view).toList();
        return new PageOf<>(visible.stream().skip((long) page * size).limit(size).toList(), page, size, visible.size());
    }

    @GetMapping("/api/v1/hosts/{hostId}")
    HostView get(@PathVariable UUID hostId, Authentication caller) {
        return view(hosts.require(caller, hostId, Permission.HOST_READ));
    }

    @PostMapping("/api/v1/hosts")
    ResponseEntity<HostView> register(@RequestBody HostRequest body, Authentication caller) {
        access.require(caller, Permission.HOST_MANAGE, HostScope.newHostIn(body.group()));
        RegisteredHost host = changes.register(caller, body.registration());
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + host.id())).body(view(host));
    }

    @PutMapping("/api/v1/hosts/{hostId}")
    HostView edit(@PathVariable UUID hostId, @RequestBody HostRequest body, Authentication caller) {
        RegisteredHost current = hosts.require(caller, hostId, Permission.HOST_MANAGE);
        if (body.group() != null && !body.group().equals(current.group())) {
            access.require(caller, Permission.HOST_MANAGE, HostScope.newHostIn(body.group())); // moving it into a group
        }
        return view(changes.edit(caller, current, body.registration()));
    }

    @DeleteMapping("/api/v1/hosts/{hostId}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, Authentication caller) {
        RegisteredHost current = hosts.require(caller, hostId, Permission.HOST_MANAGE);
        changes.remove(caller, current);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/groups")
    PageOf<GroupView> groups(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<String> visibleGroups = hosts.all(caller).stream().map(RegisteredHost::group)
                .filter(java.util.Objects::nonNull).distinct().toList();
        List<GroupView> groups = registry.groups().stream().filter(g -> visibleGroups.contains(g.name()))
                .map(g -> new GroupView(g.name(), g.hosts())).toList();
        return new PageOf<>(groups.stream().skip((long) page * size).limit(size).toList(), page, size, groups.size());
    }

    private HostView view(RegisteredHost host) {
        HostStatuses.Status status = statuses.of(host.id());
        return new HostView(host.id(), host.name(), host.group(), host.kind().apiName(), host.endpoint(),
                status.state(), status.reason(), host.tlsSubject(), host.tlsExpiresAt());
    }
}
