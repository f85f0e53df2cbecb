package dev.wharf.containers;

import dev.wharf.web.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The create form as the browser sends it: text a person types, one setting per line where there are
 * several. {@link #request()} turns it into the API's create body, or says, per form field, what is wrong
 * and on which line, so the page can show each reason next to its field with the input kept.
 */
record ContainerForm(String image, String name, String command, String env, String labels, String ports, String mounts,
        String restartPolicy, String network, String memory, String cpus, Boolean start, Boolean privileged, String capAdd,
        String devices, Boolean hostPid, Boolean hostIpc) {

    private static final Pattern PORT = Pattern.compile(
            "(?:(\\[[0-9A-Fa-f:.]+]|[0-9.]+):)?([0-9]{1,5}):([0-9]{1,5})(?:/([a-z]+))?");
    /** The target is an absolute path (with a drive letter on Windows), so a Windows source keeps its colon. */
    private static final Pattern MOUNT = Pattern.compile("(volume|bind):(.+?):((?:[A-Za-z]:)?[\\\\/][^:]*)(?::(ro|rw))?");
    private static final long MIB = 1024L * 1024L;

    /** A new form: started once created, restarted never. */
    static ContainerForm empty() {
        return new ContainerForm("", "", "", "", "", "", "", "no", "", "", "", true, false, "", "", false, false);
    }

    /**
     * The body, and the reason per form field for what could not be read (that field is left out of the body,
     * so the body's own rules can still judge the rest, and every reason is shown at once).
     */
    record Parsed(ContainerRequests.Create request, Map<String, String> errors) {}

    Parsed request() {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> commandLine = field(errors, "command", () -> Words.split(text(command)));
        Map<String, String> envs = field(errors, "env", () -> pairs(env));
        Map<String, String> labelled = field(errors, "labels", () -> pairs(labels));
        List<ContainerRequests.Port> published = field(errors, "ports", () -> ports(ports));
        List<ContainerRequests.Mount> mounted = field(errors, "mounts", () -> mounts(mounts));
        Long memoryBytes = field(errors, "memory", () -> memoryBytes(memory));
        Double cpuCount = field(errors, "cpus", () -> cpus(cpus));
        return new Parsed(new ContainerRequests.Create(orNull(name), text(image).strip(),
                commandLine == null || commandLine.isEmpty() ? null : commandLine,
                envs, labelled, orNull(network), published, mounted, orNull(restartPolicy), memoryBytes, cpuCount,
                Boolean.TRUE.equals(privileged), words(capAdd), lines(devices), Boolean.TRUE.equals(hostPid) ? "host" : null,
                Boolean.TRUE.equals(hostIpc) ? "host" : null), errors);
    }

    /** Whether to start the container once it is created (an unticked box is not sent at all). */
    boolean startNow() {
        return Boolean.TRUE.equals(start);
    }

    /**
     * The form field a refusal of the create body belongs next to: {@code mounts[1].source} is the mounts
     * field, {@code memoryBytes} the memory field, {@code pidMode} the host-processes box.
     */
    static String formField(String bodyField) {
        String root = bodyField.split("[\\[.]", 2)[0];
        switch (root) {
            case "memoryBytes":
                return "memory";
            case "pidMode":
                return "hostPid";
            case "ipcMode":
                return "hostIpc";
            default:
                return root;
        }
    }

    /** {@code mounts[1].source} -> "line 2: "; a field without an index gets no prefix. */
    static String linePrefix(String bodyField) {
        Matcher index = Pattern.compile("\\[(\\d+)]").matcher(bodyField);
        return index.find() ? "line " + (Integer.parseInt(index.group(1)) + 1) + ": " : "";
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T field(Map<String, String> errors, String field, Parse<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            errors.put(field, e.field().startsWith("line ") ? e.getMessage() : e.reason());
            return null;
        }
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        List<String> lines = text(text).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw refused(i, "must be KEY=VALUE");
            }
            if (pairs.put(line.substring(0, eq).strip(), line.substring(eq + 1)) != null) {
                throw refused(i, line.substring(0, eq).strip() + " is given twice");
            }
        }
        return pairs;
    }

    private static List<ContainerRequests.Port> ports(String text) {
        List<ContainerRequests.Port> ports = new ArrayList<>();
        List<String> lines = text(text).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher port = PORT.matcher(line);
            if (!port.matches()) {
                throw refused(i, "must be [hostIp:]hostPort:containerPort[/tcp|udp|sctp], such as 8080:80 or 127.0.0.1:5432:5432/tcp");
            }
            String hostIp = port.group(1) == null ? null : port.group(1).replace("[", "").replace("]", "");
            ports.add(new ContainerRequests.Port(hostIp, Integer.valueOf(port.group(2)), Integer.valueOf(port.group(3)),
                    port.group(4)));
        }
        return ports;
    }

    private static List<ContainerRequests.Mount> mounts(String text) {
        List<ContainerRequests.Mount> mounts = new ArrayList<>();
        List<String> lines = text(text).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher mount = MOUNT.matcher(line);
            if (!mount.matches()) {
                throw refused(i, "must be volume:NAME:/target or bind:/host/path:/target, with :ro at the end for read-only");
            }
            mounts.add(new ContainerRequests.Mount(mount.group(1), mount.group(2), mount.group(3), "ro".equals(mount.group(4))));
        }
        return mounts;
    }

    private static Long memoryBytes(String text) {
        if (text(text).isBlank()) {
            return null;
        }
        try {
            long mib = Long.parseLong(text.strip());
            if (mib <= 0 || mib > Long.MAX_VALUE / MIB) {
                throw new NumberFormatException();
            }
            return mib * MIB;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("memory", "must be a whole number of MiB, such as 256");
        }
    }

    private static Double cpus(String text) {
        if (text(text).isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cpus", "must be a number of CPUs, such as 0.5 or 2");
        }
    }

    private static List<String> words(String text) {
        List<String> words = List.of(text(text).strip().split("[\\s,]+"));
        return words.size() == 1 && words.get(0).isEmpty() ? List.of() : words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
    }

    private static List<String> lines(String text) {
        return text(text).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private static InvalidInputException refused(int line, String reason) {
        return new InvalidInputException("line " + (line + 1), reason);
    }

    private static String orNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
