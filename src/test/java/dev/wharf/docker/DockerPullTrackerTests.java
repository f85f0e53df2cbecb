package dev.wharf.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.wharf.engine.PullProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Docker's pull messages, as an engine sends them, folded into a percentage that a bar can show. */
class DockerPullTrackerTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aLayerTheHostAlreadyHasDoesNotPutTheBarAtTheTopBeforeTheNewLayerMoves() throws Exception {
        List<PullProgress> seen = new ArrayList<>();
        DockerPullTracker tracker = new DockerPullTracker("registry:5000/big:1", seen::add);

        tracker.accept(item("{\"status\":\"Pulling from big\",\"id\":\"1\"}"));
        tracker.accept(item("{\"status\":\"Already exists\",\"id\":\"base\"}"));
        tracker.accept(item("{\"status\":\"Pulling fs layer\",\"id\":\"new\"}"));
        tracker.accept(item("{\"status\":\"Downloading\",\"id\":\"new\",\"progressDetail\":{\"current\":10,\"total\":100}}"));
        tracker.accept(item("{\"status\":\"Downloading\",\"id\":\"new\",\"progressDetail\":{\"current\":60,\"total\":100}}"));
        tracker.accept(item("{\"status\":\"Extracting\",\"id\":\"new\",\"progressDetail\":{\"current\":50,\"total\":100}}"));
        tracker.accept(item("{\"status\":\"Pull complete\",\"id\":\"new\"}"));
        tracker.finish();

        assertThat(seen).extracting(PullProgress::percent).containsExactly(0, 0, 0, 5, 30, 75, 99, 100);
        assertThat(seen.get(2).layers()).containsKeys("base", "new");
    }

    @Test
    void aPullOfLayersTheHostHasAllStaysAtNoughtUntilItIsDone() throws Exception {
        List<PullProgress> seen = new ArrayList<>();
        DockerPullTracker tracker = new DockerPullTracker("busybox:1", seen::add);

        tracker.accept(item("{\"status\":\"Already exists\",\"id\":\"base\"}"));
        tracker.finish();

        assertThat(seen).extracting(PullProgress::percent).containsExactly(0, 100);
    }

    private static PullResponseItem item(String json) throws Exception {
        return JSON.readValue(json, PullResponseItem.class);
    }
}
