package dev.wharf.containers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFileNameTests {

    @Test
    void theContainersNameMadeSafeForAFileName() {
        assertThat(ContainerLogDownloadController.fileName("web-1")).isEqualTo("web-1.log");
        assertThat(ContainerLogDownloadController.fileName("../etc/passwd\"\r\n;x")).isEqualTo("_etc_passwd____x.log");
        assertThat(ContainerLogDownloadController.fileName("...")).isEqualTo("container.log");
        assertThat(ContainerLogDownloadController.fileName("a".repeat(300))).hasSize(104);
    }
}
