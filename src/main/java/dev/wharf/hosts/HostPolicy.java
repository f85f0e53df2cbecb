package dev.wharf.hosts;

import java.util.List;
import java.util.Locale;

/**
 * Which container settings that reach past the container into its host a host allows. Every host
 * starts denying all of them; an operator with {@code host.manage} opens what that host may give.
 *
 * @param allowHostMounts absolute, normalised path prefixes a bind mount's source may lie under
 * @param allowCapabilities capability names without {@code CAP_}, upper case; {@code ALL} allows any
 * @param allowHostNamespaces the host's network, process and IPC namespaces
 */
public record HostPolicy(boolean allowPrivileged, List<String> allowHostMounts, List<String> allowCapabilities,
        boolean allowDevices, boolean allowHostNamespaces) {

    public static final HostPolicy DENY_ALL = new HostPolicy(false, List.of(), List.of(), false, false);

    public HostPolicy {
        allowHostMounts = allowHostMounts == null ? List.of() : List.copyOf(allowHostMounts);
        allowCapabilities = allowCapabilities == null ? List.of() : List.copyOf(allowCapabilities);
    }

    /** Whether a bind mount may take {@code source} from the host. */
    public boolean allowsHostPath(HostPath source) {
        return allowHostMounts.stream().flatMap(prefix -> HostPath.parse(prefix).stream()).anyMatch(source::isWithin);
    }

    /** Whether {@code capability} ({@code net_admin}, {@code CAP_NET_ADMIN}, {@code ALL}) may be added. */
    public boolean allowsCapability(String capability) {
        return allowCapabilities.contains("ALL") || allowCapabilities.contains(bareCapability(capability));
    }

    /** The one spelling a capability is stored and compared in: upper case, without {@code CAP_}. */
    public static String bareCapability(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("CAP_") ? upper.substring(4) : upper;
    }

    /** True when this policy allows anything {@code other} does not. */
    public boolean allowsMoreThan(HostPolicy other) {
        return (allowPrivileged && !other.allowPrivileged()) || (allowDevices && !other.allowDevices())
                || (allowHostNamespaces && !other.allowHostNamespaces())
                || !other.allowHostMounts().containsAll(allowHostMounts)
                || !other.allowCapabilities().containsAll(allowCapabilities);
    }
}
