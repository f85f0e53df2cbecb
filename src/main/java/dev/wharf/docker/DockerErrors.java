package dev.wharf.docker;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns what docker-java throws into the port's exceptions, with a message that names the host and
 * says what happened in the engine's own words where it gave some.
 */
final class DockerErrors {

    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DockerErrors() {}

    static EngineException map(Throwable failure, EngineTarget target) {
        String host = "Host '" + target.name() + "'";
        if (failure instanceof EngineException known) {
            return known;
        }
        if (failure instanceof NotFoundException e) {
            return new EngineException.NotFound(host + ": " + engineMessage(e), target.hostId());
        }
        if (failure instanceof ConflictException e) {
            return new EngineException.Conflict(host + ": " + engineMessage(e), target.hostId(), e);
        }
        if (failure instanceof DockerException e && e.getHttpStatus() == 403) {
            // Docker's 403 means "not in this state": a network with endpoints, a predefined network
            return new EngineException.Conflict(host + ": " + engineMessage(e), target.hostId(), e);
        }
        if (failure instanceof BadRequestException e) {
            return new EngineException.Rejected(host + " refused the request: " + engineMessage(e), target.hostId(), e);
        }
        if (failure instanceof DockerException e) {
            return new EngineException.Unavailable(host + " answered " + e.getHttpStatus() + ": " + engineMessage(e),
                    target.hostId(), e);
        }
        SSLException tls = find(failure, SSLException.class);
        if (tls != null) {
            return new EngineException.Unavailable(host + ": the TLS handshake with " + target.endpoint() + " failed ("
                    + tls.getMessage() + ")", target.hostId(), failure);
        }
        SocketTimeoutException timeout = find(failure, SocketTimeoutException.class);
        if (timeout != null) {
            return new EngineException.Timeout(host + " did not answer in time at " + target.endpoint(), target.hostId(), failure);
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null
                || find(failure, UnknownHostException.class) != null || find(failure, java.nio.file.NoSuchFileException.class) != null) {
            return new EngineException.Unavailable(host + " is unreachable at " + target.endpoint() + ": "
                    + rootMessage(failure), target.hostId(), failure);
        }
        if (find(failure, IOException.class) != null) {
            var tlsCause = TlsDiagnosis.explain(target);
            if (tlsCause.isPresent()) {
                return new EngineException.Unavailable(host + ": the TLS handshake with " + target.endpoint() + " failed ("
                        + tlsCause.get() + ")", target.hostId(), failure);
            }
            return new EngineException.Unavailable(host + ": the connection to " + target.endpoint() + " failed: "
                    + rootMessage(failure), target.hostId(), failure);
        }
        return new EngineException.Unavailable(host + " failed: " + rootMessage(failure), target.hostId(), failure);
    }

    /** The engine's own {@code message}, unescaped, rather than docker-java's "Status 404: {...}". */
    static String engineMessage(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = ENGINE_MESSAGE.matcher(text);
        return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", " ").strip() : text.strip();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
