package dev.wharf.hosts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An absolute path on a host, normalised the way the engine reads it: {@code .} and {@code ..}
 * resolved, repeated and trailing separators dropped. Unix paths ({@code /…}) compare exactly;
 * Windows drive paths ({@code C:\…}, either separator) compare ignoring case, as NTFS does.
 *
 * @param drive the drive ({@code C:}) of a Windows path, upper case; empty for a Unix path
 */
public record HostPath(String drive, List<String> segments) {

    private static final Pattern WINDOWS = Pattern.compile("[A-Za-z]:[\\\\/].*", Pattern.DOTALL);

    public HostPath {
        segments = List.copyOf(segments);
    }

    /** The path, or empty when {@code value} is not absolute (relative, blank, {@code C:data}, a UNC path). */
    public static Optional<HostPath> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        boolean windows = WINDOWS.matcher(value).matches();
        if (!windows && !value.startsWith("/")) {
            return Optional.empty();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : (windows ? value.substring(2) : value).split(windows ? "[\\\\/]" : "/")) {
            if (segment.equals("..")) {
                segments.pollLast(); // above the root stays at the root, as the kernel has it
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.addLast(segment);
            }
        }
        return Optional.of(new HostPath(windows ? value.substring(0, 2).toUpperCase(Locale.ROOT) : "", List.copyOf(segments)));
    }

    /** Whether {@code value} climbs with a {@code ..} segment (on either separator). */
    public static boolean climbs(String value) {
        return value != null && List.of(value.split("[\\\\/]")).contains("..");
    }

    public boolean windows() {
        return !drive.isEmpty();
    }

    /**
     * Whether this path is {@code prefix} or lies below it, segment by segment: {@code /data} covers
     * {@code /data} and {@code /data/x}, never {@code /database}.
     */
    public boolean isWithin(HostPath prefix) {
        if (!drive.equals(prefix.drive) || segments.size() < prefix.segments.size()) {
            return false;
        }
        for (int i = 0; i < prefix.segments.size(); i++) {
            String mine = segments.get(i);
            String theirs = prefix.segments.get(i);
            if (windows() ? !mine.equalsIgnoreCase(theirs) : !mine.equals(theirs)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return windows() ? drive + "\\" + String.join("\\", segments) : "/" + String.join("/", segments);
    }
}
