package dev.wharf.containers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerViewsTests {

    private final ContainerDetail detail = new ContainerDetail(
            new ContainerSummary("abc", "web", "nginx", ContainerState.RUNNING, "Up", Instant.now(), Map.of(), List.of(),
                    List.of(), List.of()),
            List.of("nginx"), Map.of("DB_PASSWORD", "hunter2", "MODE", "prod"), null, null, null, Map.of());

    @Test
    void withoutTheRightToReadEnvTheKeysShowButNoValue() {
        ContainerViews.Detail view = ContainerViews.Detail.of(detail, false);

        assertThat(view.env()).containsOnlyKeys("DB_PASSWORD", "MODE").allSatisfy((key, value) -> assertThat(value).isEqualTo("******"));
        assertThat(view.envMasked()).isTrue();
        assertThat(view.toString()).doesNotContain("hunter2");
    }

    @Test
    void withTheRightTheValuesShow() {
        ContainerViews.Detail view = ContainerViews.Detail.of(detail, true);

        assertThat(view.env()).containsEntry("DB_PASSWORD", "hunter2");
        assertThat(view.envMasked()).isFalse();
    }
}
