package dev.wharf.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.wharf.engine.LogLine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles Docker's log frames into lines per stream. Bytes are kept until a newline, so a
 * character split across two frames is decoded whole. Docker is always asked for timestamps, each line
 * then starting with an RFC 3339 time and a space; whether the caller sees it is the caller's choice.
 */
final class DockerLogLines {

    /** A line longer than this is handed on in pieces. */
    static final int LONGEST_LINE = 64 * 1024;

    private final boolean keepTimes;
    private final Consumer<LogLine> sink;
    private final Map<LogLine.Stream, ByteArrayOutputStream> partial = new EnumMap<>(LogLine.Stream.class);

    /** @param sink gets each line as soon as its newline arrives */
    DockerLogLines(boolean keepTimes, Consumer<LogLine> sink) {
        this.keepTimes = keepTimes;
        this.sink = sink;
    }

    void accept(Frame frame) {
        LogLine.Stream stream = frame.getStreamType() == StreamType.STDERR ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
        ByteArrayOutputStream buffer = partial.computeIfAbsent(stream, s -> new ByteArrayOutputStream());
        for (byte b : frame.getPayload()) {
            if (b == '\n') {
                add(stream, buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
            } else {
                buffer.write(b);
                if (buffer.size() >= LONGEST_LINE) { // output without newlines must not grow without end
                    add(stream, buffer.toString(StandardCharsets.UTF_8));
                    buffer.reset();
                }
            }
        }
    }

    /** Hands on what is left without a newline (the engine ended the stream mid-line). */
    void finish() {
        partial.forEach((stream, rest) -> {
            if (rest.size() > 0) {
                add(stream, rest.toString(StandardCharsets.UTF_8));
            }
        });
        partial.clear();
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
        sink.accept(new LogLine(stream, keepTimes ? at : null, text));
    }
}
