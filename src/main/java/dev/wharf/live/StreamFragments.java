package dev.wharf.live;

import dev.wharf.web.Bytes;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** What a container page's stats and log streams send: a rendered sample, a line, or why the stream ended. */
@Component
class StreamFragments {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final ITemplateEngine templates;

    StreamFragments(ITemplateEngine templates) {
        this.templates = templates;
    }

    String render(LiveEvent event) {
        Map<String, Object> d = event.details();
        Context context = new Context(Locale.ROOT);
        switch (event.type()) {
            case "stats":
                Object cpu = d.get("cpuPercent");
                Object limit = d.get("memoryLimitBytes");
                context.setVariable("cpu", cpu == null ? "—" : String.format(Locale.ROOT, "%.1f %%", (Double) cpu));
                context.setVariable("memory", bytes(d.get("memoryBytes")) + (limit == null ? "" : " of " + bytes(limit)));
                context.setVariable("network", bytes(d.get("networkRxBytes")) + " in · " + bytes(d.get("networkTxBytes")) + " out");
                context.setVariable("block", bytes(d.get("blockReadBytes")) + " read · " + bytes(d.get("blockWriteBytes")) + " written");
                context.setVariable("at", event.at());
                context.setVariable("time", SECONDS.format(event.at()));
                // the sample's numbers for the page's charts: shared by every viewer, like the text
                context.setVariable("sample", Map.of("at", event.at().toEpochMilli(), "cpu", cpu == null ? "" : cpu,
                        "memory", d.get("memoryBytes"), "rx", d.get("networkRxBytes"), "tx", d.get("networkTxBytes")));
                return templates.process("fragments/streams", Set.of("stats"), context);
            case "log":
                context.setVariable("stream", d.get("stream"));
                context.setVariable("segments", AnsiText.segments(String.valueOf(d.get("text"))));
                context.setVariable("at", event.at());
                context.setVariable("time", event.at() == null ? null : MILLIS.format(event.at()));
                return templates.process("fragments/streams", Set.of("line"), context);
            case "end":
                context.setVariable("reason", d.get("reason"));
                return templates.process("fragments/streams", Set.of("end"), context);
            default:
                return null;
        }
    }

    /** "—" for a number the engine did not give. */
    static String bytes(Object value) {
        return value instanceof Number number ? Bytes.binary(number.longValue()) : "—";
    }
}
