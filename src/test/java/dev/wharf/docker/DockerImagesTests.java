package dev.wharf.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.engine.EngineException;
import org.junit.jupiter.api.Test;

class DockerImagesTests {

    @Test
    void aReferenceWithoutTagOrDigestMeansLatestNotEveryTag() {
        assertThat(DockerImages.withTag("busybox")).isEqualTo("busybox:latest");
        assertThat(DockerImages.withTag("127.0.0.1:5000/team/app")).isEqualTo("127.0.0.1:5000/team/app:latest");
        assertThat(DockerImages.withTag("127.0.0.1:5000/team/app:1.2")).isEqualTo("127.0.0.1:5000/team/app:1.2");
        assertThat(DockerImages.withTag("app@sha256:abc")).isEqualTo("app@sha256:abc");
    }

    @Test
    void namesInEnginePathsAreOneEncodedSegmentAndNeverClimb() {
        assertThat(DockerImages.encode("my vol/../x")).isEqualTo("my%20vol%2F..%2Fx");
        assertThatThrownBy(() -> DockerImages.encode("..")).isInstanceOf(EngineException.Rejected.class);
        assertThatThrownBy(() -> DockerImages.encode(".")).isInstanceOf(EngineException.Rejected.class);
    }
}
