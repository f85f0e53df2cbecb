package dev.wharf.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What reaches the wire: nothing an engine names can end an event early or add a field of its own. */
class EventFrameTests {

    @Test
    void everyLineOfAPagesFragmentIsItsOwnDataField() {
        String text = EventFrame.sse(7, "container", "<tr>\r\nid: 99\revent: forged\n\ndata: x</tr>");

        assertThat(text).isEqualTo("id: 7\nevent: container\n"
                + "data: <tr>\ndata: id: 99\ndata: event: forged\ndata: \ndata: data: x</tr>\n\n");
    }

    @Test
    void aFragmentThatFailsToRenderIsLeftOutOnceAndForAll() {
        EventFrame frame = new EventFrame(new LiveEvent(1, "container", UUID.randomUUID(),
                new LiveEvent.Resource("container", "c1", "web"), "start", Instant.now(), Map.of()), JsonMapper.builder().build());
        int[] renders = {0};

        String first = frame.html(event -> {
            renders[0]++;
            throw new IllegalStateException("a template broke");
        });
        String again = frame.html(event -> "<p>late</p>");

        assertThat(first).isNull();
        assertThat(again).as("cached: a replay does not fail again").isNull();
        assertThat(renders[0]).isEqualTo(1);
        assertThat(frame.text()).contains("\"action\":\"start\"").as("the API's form is unaffected");
    }
}
