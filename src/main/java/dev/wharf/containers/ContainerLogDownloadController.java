package dev.wharf.containers;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.LogLine;
import dev.wharf.engine.LogQuery;
import dev.wharf.hosts.HostActions;
import dev.wharf.live.AnsiText;
import dev.wharf.web.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A container's log as a file, from its page: the newest {@value #LINES} lines, each as
 * {@code docker logs --timestamps} writes it (the engine's time, a space, the text), with every escape
 * sequence taken out so the file reads the same in any editor.
 */
@Controller
class ContainerLogDownloadController {

    static final int LINES = 10_000;

    private final HostActions actions;

    ContainerLogDownloadController(HostActions actions) {
        this.actions = actions;
    }

    @Requires(Permission.CONTAINER_LOGS)
    @GetMapping("/hosts/{hostId}/containers/{containerId}/logs/download")
    ResponseEntity<byte[]> download(@PathVariable UUID hostId, @PathVariable String containerId, Authentication caller) {
        record Named(ContainerSummary container, List<LogLine> lines) {}
        Named log;
        try {
            // the id or name the caller gave resolves to the container, whose name names the file
            log = actions.read(caller, hostId, Permission.CONTAINER_LOGS, engine -> {
                ContainerSummary container = engine.inspect(containerId).summary();
                return new Named(container, engine.logs(container.id(), new LogQuery(LINES, null, true)));
            });
        } catch (EngineException.NotFound e) {
            throw new NotFoundException("No container " + containerId);
        }
        ContainerSummary container = log.container();
        List<LogLine> lines = log.lines();
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            if (line.at() != null) {
                text.append(line.at()).append(' ');
            }
            text.append(AnsiText.strip(line.text())).append('\n');
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(fileName(container.name() == null ? container.id() : container.name())).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code web-1.log}: the name with anything but letters, digits, dot, dash and underscore made an underscore. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
        if (safe.length() > 100) {
            safe = safe.substring(0, 100);
        }
        return (safe.isEmpty() ? "container" : safe) + ".log";
    }
}
