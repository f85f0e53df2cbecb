package dev.wharf.hosts;

import dev.wharf.web.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The shape of a host policy as an operator sends it. A missing or null field denies, so a PUT always
 * replaces the whole policy. Each refusal names the field (and the entry) and says what is expected.
 */
final class HostPolicyRules {

    static final int MAX_ENTRIES = 64;
    private static final int MAX_PREFIX = 1000;
    private static final Pattern CAPABILITY = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private HostPolicyRules() {}

    /** A policy as the API receives it. */
    record Requested(Boolean allowPrivileged, List<String> allowHostMounts, List<String> allowCapabilities,
            Boolean allowDevices, Boolean allowHostNamespaces) {}

    static HostPolicy checked(Requested requested) {
        return new HostPolicy(Boolean.TRUE.equals(requested.allowPrivileged()),
                each("allowHostMounts", requested.allowHostMounts(), HostPolicyRules::prefix),
                each("allowCapabilities", requested.allowCapabilities(), HostPolicyRules::capability),
                Boolean.TRUE.equals(requested.allowDevices()), Boolean.TRUE.equals(requested.allowHostNamespaces()));
    }

    /** An absolute prefix in its normalised spelling ({@code /srv/data/} is stored as {@code /srv/data}). */
    private static String prefix(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "must not be empty; give an absolute path such as /srv/data");
        }
        if (value.length() > MAX_PREFIX || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must be at most " + MAX_PREFIX + " characters, without control characters");
        }
        if (HostPath.climbs(value)) {
            throw new InvalidInputException(field, "'" + HostRules.printable(value) + "' holds a '..' segment; give the path it means");
        }
        return HostPath.parse(value).map(HostPath::toString).orElseThrow(() -> new InvalidInputException(field,
                "'" + HostRules.printable(value) + "' is not an absolute path; use /path or a Windows drive path such as C:\\data"));
    }

    private static String capability(String field, String value) {
        if (value == null || !CAPABILITY.matcher(value).matches() || HostPolicy.bareCapability(value).isEmpty()) {
            throw new InvalidInputException(field, "must be a capability name of letters, digits and '_', such as NET_ADMIN");
        }
        return HostPolicy.bareCapability(value);
    }

    /** Each entry checked under its own field name ({@code allowHostMounts[2]}), duplicates dropped. */
    private static List<String> each(String field, List<String> values, BiFunction<String, String, String> check) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_ENTRIES) {
            throw new InvalidInputException(field, "holds more than " + MAX_ENTRIES + " entries");
        }
        Set<String> checked = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            checked.add(check.apply(field + "[" + i + "]", values.get(i)));
        }
        return new ArrayList<>(checked);
    }
}
