package dev.wharf.containers;

import dev.wharf.web.Bytes;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the container page's overview shows, in the words an operator reads: limits in binary units and CPUs,
 * the command as one line, labels sorted. An HCS compute system has its own facts (owner, type, isolation,
 * utility VM, runtime) and no image, creation time, labels, ports or mounts: the page says HCS does not know
 * them rather than showing blanks that look like "none".
 *
 * @param hcs true for a compute system of an {@code hcs} host
 */
record ContainerOverview(ContainerDetail detail, boolean hcs) {

    /** One fact an HCS system reports, with the name a person reads. */
    record Fact(String name, String value) {}

    /** The extra keys an HCS system's facts come under, in the order the page lists them. */
    private static final Map<String, String> HCS_FACTS = Map.of("owner", "Owner", "systemType", "System type",
            "isolation", "Isolation", "utilityVm", "Utility VM", "utilityVmOf", "Utility VM of", "runtimeId", "Runtime id",
            "runtimeOsType", "Runtime OS", "exitType", "Exit type");
    private static final List<String> HCS_ORDER = List.of("owner", "systemType", "isolation", "utilityVm", "utilityVmOf",
            "runtimeId", "runtimeOsType", "exitType");

    public ContainerSummary summary() {
        return detail.summary();
    }

    /** The memory limit, such as {@code 64.0 MiB}; null when unlimited. */
    public String memoryLimit() {
        Long bytes = detail.limits().memoryBytes();
        return bytes == null ? null : Bytes.binary(bytes);
    }

    /** The CPU limit, such as {@code 1.5 CPUs}; null when unlimited. */
    public String cpuLimit() {
        Double cpus = detail.limits().cpus();
        if (cpus == null) {
            return null;
        }
        String number = cpus == Math.rint(cpus) ? String.format(Locale.ROOT, "%.0f", cpus)
                : String.format(Locale.ROOT, "%.2f", cpus).replaceAll("0+$", "");
        return number + (cpus == 1.0 ? " CPU" : " CPUs");
    }

    /** The command as one line, each argument quoted where it holds a space; null when the engine names none. */
    public String command() {
        if (detail.command().isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (String word : detail.command()) {
            words.add(word.isEmpty() || word.matches(".*[\\s'\"].*") ? "'" + word.replace("'", "'\\''") + "'" : word);
        }
        return String.join(" ", words);
    }

    public String restartPolicy() {
        return detail.extra().get("restartPolicy");
    }

    public Map<String, String> labels() {
        return new TreeMap<>(detail.summary().labels());
    }

    public List<Fact> hcsFacts() {
        return HCS_ORDER.stream().filter(detail.extra()::containsKey)
                .map(key -> new Fact(HCS_FACTS.get(key), detail.extra().get(key))).toList();
    }
}
