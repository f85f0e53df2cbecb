package dev.wharf.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.wharf.engine.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reassembles Docker's log frames into lines per stream. Docker is always asked for timestamps, each
 * line then starting with an RFC 3339 time and a space; whether the caller sees it is the caller's choice.
 */
final class DockerLogLines {

    private final boolean keepTimes;
    private final Map<LogLine.Stream, StringBuilder> partial = new EnumMap<>(LogLine.Stream.class);
    private final List<LogLine> lines = new ArrayList<>();

    DockerLogLines(boolean keepTimes) {
        this.keepTimes = keepTimes;
    }

    void accept(Frame frame) {
        LogLine.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
        StringBuilder buffer = partial.computeIfAbsent(stream, s -> new StringBuilder());
        buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        int newline;
        while ((newline = buffer.indexOf("\n")) >= 0) {
            add(stream, buffer.substring(0, newline));
            buffer.delete(0, newline + 1);
        }
    }

    List<LogLine> finish() {
        partial.forEach((stream, rest) -> {
            if (!rest.isEmpty()) {
                add(stream, rest.toString());
            }
        });
        partial.clear();
        return List.copyOf(lines);
    }

    private void add(LogLine.Stream stream, String raw) {
        String text = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        Instant at = null;
        int space = text.indexOf(' ');
        if (space > 0) {
            try {
                at = Instant.parse(text.substring(0, space));
                text = text.substring(space + 1);
            } catch (DateTimeParseException notATime) {
                // a line Docker did not stamp: keep it whole
            }
        }
        lines.add(new LogLine(stream, keepTimes ? at : null, text));
    }
}
