package dev.wharf.hosts;

import dev.wharf.web.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shape of names, groups and endpoints. Each refusal names the field and says what is expected. */
final class HostRules {

    static final int MAX_NAME = 64;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0," + (MAX_NAME - 1) + "}");
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");
    private static final Pattern UNIX = Pattern.compile("unix://(/[^\\s\\p{Cntrl}]+)");
    private static final Pattern NPIPE = Pattern.compile("npipe:////\\./pipe/[^\\s\\p{Cntrl}/\\\\]+");
    static final String LOCAL = "local";

    private HostRules() {}

    static String name(String value) {
        return checkName("name", value);
    }

    /** Blank means no group. */
    static String group(String value) {
        return value == null || value.isBlank() ? null : checkName("group", value.strip());
    }

    static HostKind kind(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("kind", "is required: docker or hcs");
        }
        return HostKind.parse(value).orElseThrow(() ->
                new InvalidInputException("kind", "unknown kind '" + printable(value) + "'; use docker or hcs"));
    }

    /** A checked endpoint, its scheme in lower case, and whether it is TCP (and so needs TLS). */
    record Endpoint(String value, boolean tcp) {}

    /** Checks the endpoint for its kind; the scheme is stored in lower case so every later check sees one spelling. */
    static Endpoint endpoint(HostKind kind, String given) {
        String value = given == null ? null : lowerCaseScheme(given.strip());
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("endpoint", "is required");
        }
        if (value.length() > 300) {
            throw new InvalidInputException("endpoint", "is longer than 300 characters");
        }
        if (kind == HostKind.HCS) {
            if (!LOCAL.equals(given)) {
                throw new InvalidInputException("endpoint", "an hcs host is always the console's own machine: use 'local'");
            }
            return new Endpoint(LOCAL, false);
        }
        Matcher scheme = SCHEME.matcher(value);
        String name = scheme.find() ? scheme.group(1) : null;
        if (name == null) {
            throw new InvalidInputException("endpoint", "'" + printable(value)
                    + "' is not an endpoint; use unix:///path, npipe:////./pipe/name or tcp://host:port");
        }
        switch (name) {
            case "unix" -> require(UNIX.matcher(value).matches(), "a unix endpoint is unix:// and an absolute path, e.g. unix:///var/run/docker.sock");
            case "npipe" -> require(NPIPE.matcher(value).matches(), "a named pipe endpoint is npipe:////./pipe/<name>, e.g. npipe:////./pipe/docker_engine");
            case "tcp" -> {
                tcp(value);
                return new Endpoint(value, true);
            }
            default -> throw new InvalidInputException("endpoint", "unsupported scheme '" + printable(name)
                    + "'; a docker host uses unix://, npipe:// or tcp:// (with TLS)");
        }
        return new Endpoint(value, false);
    }

    private static String lowerCaseScheme(String value) {
        Matcher scheme = SCHEME.matcher(value);
        return scheme.find() ? scheme.group(1).toLowerCase(Locale.ROOT) + value.substring(scheme.group(1).length()) : value;
    }

    private static void tcp(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("endpoint", "'" + printable(value) + "' is not a valid tcp://host:port address");
        }
        require(uri.getHost() != null && uri.getPort() > 0 && uri.getPort() <= 65535,
                "a tcp endpoint is tcp://host:port, e.g. tcp://docker1.example:2376");
        require(uri.getUserInfo() == null && uri.getQuery() == null && uri.getFragment() == null
                && (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")),
                "a tcp endpoint is only tcp://host:port, without user, path or query");
    }

    private static String checkName(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException(field, "is required");
        }
        if (value.startsWith("-")) {
            throw new InvalidInputException(field, "must not start with '-'");
        }
        if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidInputException(field, "must not contain spaces or control characters");
        }
        if (!NAME.matcher(value).matches()) {
            throw new InvalidInputException(field, "must start with a letter or digit, hold only letters, digits, "
                    + "'.', '_' and '-', and be at most " + MAX_NAME + " characters");
        }
        return value;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new InvalidInputException("endpoint", message);
        }
    }

    /** User input echoed in a message: control characters shown as '?', and kept short. */
    static String printable(String value) {
        String cleaned = value.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 60 ? cleaned.substring(0, 60) + "…" : cleaned;
    }
}
