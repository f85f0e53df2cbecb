package dev.wharf.containers;

import dev.wharf.engine.ContainerEngine;
import java.time.Duration;
import java.util.Locale;

/**
 * The lifecycle actions a container offers, as the API and the pages name them: the path segment, the
 * audit action, and the words the pages use while it runs and once it is done.
 */
enum ContainerAction {
    START("Start", "starting…", "started"),
    STOP("Stop", "stopping…", "stopped"),
    RESTART("Restart", "restarting…", "restarted"),
    KILL("Kill", "killing…", "killed"),
    PAUSE("Pause", "pausing…", "paused"),
    RESUME("Resume", "resuming…", "resumed");

    /** What the API and the pages wait for a container to stop before it is forced. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    static final String DEFAULT_SIGNAL = "SIGKILL";

    private final String label;
    private final String progress;
    private final String done;

    ContainerAction(String label, String progress, String done) {
        this.label = label;
        this.progress = progress;
        this.done = done;
    }

    /** {@code stop}: the path segment. */
    public String path() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code container.stop}: what the audit trail records. */
    String auditAction() {
        return "container." + path();
    }

    public String label() {
        return label;
    }

    public String progress() {
        return progress;
    }

    public String done() {
        return done;
    }

    /** Calls the engine; {@code grace} matters to stop and restart, {@code signal} to kill. */
    void apply(ContainerEngine engine, String containerId, Duration grace, String signal) {
        switch (this) {
            case START -> engine.start(containerId);
            case STOP -> engine.stop(containerId, grace);
            case RESTART -> engine.restart(containerId, grace);
            case KILL -> engine.kill(containerId, signal);
            case PAUSE -> engine.pause(containerId);
            case RESUME -> engine.resume(containerId);
        }
    }
}
