package dev.wharf.containers;

import dev.wharf.access.CallerAudit;
import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostPath;
import dev.wharf.hosts.HostPolicy;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.web.ForbiddenInputException;
import dev.wharf.web.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Container settings that reach past the container into its host: privileged mode, bind mounts of host
 * paths, added capabilities, devices, and the host's network, process and IPC namespaces. Each is refused
 * unless the host's {@link HostPolicy} allows it, before the engine is called, so a refusal changes nothing.
 */
@Component
class DangerousSettings {

    private final AuditTrail audit;

    DangerousSettings(AuditTrail audit) {
        this.audit = audit;
    }

    /** What is refused: the request field and the setting, in words. */
    record Refusal(String field, String setting, String allowance) {}

    /**
     * Throws a 403 naming the first setting the host does not allow, recorded as denied; a bind mount of a
     * relative path is a 400, since no policy can judge it.
     */
    void requireAllowed(Authentication caller, RegisteredHost host, ContainerSpec spec, String resource) {
        requireAbsoluteBindSources(spec.mounts());
        firstRefused(host.policy(), spec).ifPresent(refusal -> {
            String message = refusal.setting() + " is refused on host '" + host.name()
                    + "' unless the host's policy allows it (" + refusal.allowance() + ")";
            ForbiddenInputException refused = new ForbiddenInputException(refusal.field(), message);
            audit.record(CallerAudit.entry(caller, "container.create", host.id(), resource, AuditEntry.Outcome.DENIED,
                    refused.getMessage()));
            throw refused;
        });
    }

    /** The first setting {@code policy} does not allow, in a fixed order, so the answer is always the same. */
    static Optional<Refusal> firstRefused(HostPolicy policy, ContainerSpec spec) {
        if (spec.privileged() && !policy.allowPrivileged()) {
            return refuse("privileged", "a privileged container", "allowPrivileged");
        }
        List<ContainerSummary.Mount> mounts = spec.mounts();
        for (int i = 0; i < mounts.size(); i++) {
            Optional<HostPath> source = bindSource(mounts.get(i));
            if (source.isPresent() && !policy.allowsHostPath(source.get())) {
                return refuse("mounts[" + i + "].source", "binding host path '" + shown(source.get().toString())
                        + "' into a container", "allowHostMounts");
            }
        }
        for (String capability : spec.capAdd()) {
            if (!policy.allowsCapability(capability)) {
                return refuse("capAdd", "adding capability " + shown(HostPolicy.bareCapability(capability)),
                        "allowCapabilities");
            }
        }
        if (!spec.devices().isEmpty() && !policy.allowDevices()) {
            return refuse("devices", "giving a container host devices", "allowDevices");
        }
        if (!policy.allowHostNamespaces()) {
            if (isHost(spec.network())) {
                return refuse("network", "sharing the host's network", "allowHostNamespaces");
            }
            if (isHost(spec.pidMode())) {
                return refuse("pidMode", "sharing the host's processes", "allowHostNamespaces");
            }
            if (isHost(spec.ipcMode())) {
                return refuse("ipcMode", "sharing the host's IPC namespace", "allowHostNamespaces");
            }
        }
        return Optional.empty();
    }

    private static void requireAbsoluteBindSources(List<ContainerSummary.Mount> mounts) {
        for (int i = 0; i < mounts.size(); i++) {
            if ("bind".equals(mounts.get(i).type()) && bindSource(mounts.get(i)).isEmpty()) {
                throw new InvalidInputException("mounts[" + i + "].source",
                        "a bind mount's source must be an absolute host path, such as /srv/data or C:\\data");
            }
        }
    }

    /** A bind mount's source, normalised; empty for a volume mount (always fine) and for a relative source. */
    private static Optional<HostPath> bindSource(ContainerSummary.Mount mount) {
        return "bind".equals(mount.type()) ? HostPath.parse(mount.source()) : Optional.empty();
    }

    /**
     * {@code host} shares the host's namespace, and so may {@code container:<id>}: it joins another
     * container's namespaces, which may be the host's (a container created with them, or privileged), so it
     * needs the same allowance. {@code none}, {@code private} and network names do not. Any spelling counts.
     */
    private static boolean isHost(String mode) {
        String value = mode == null ? "" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        return value.equals("host") || value.startsWith("container:");
    }

    private static Optional<Refusal> refuse(String field, String setting, String allowance) {
        return Optional.of(new Refusal(field, setting, allowance));
    }

    /** Caller input echoed in a message: control characters shown as '?', and kept short. */
    private static String shown(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 120 ? cleaned.substring(0, 120) + "…" : cleaned;
    }
}
