package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerStateTests {

    @Test
    void readsEngineWordsInAnyCase() {
        assertThat(ContainerState.parse("running")).isEqualTo(ContainerState.RUNNING);
        assertThat(ContainerState.parse(" Exited ")).isEqualTo(ContainerState.EXITED);
    }

    @Test
    void anythingUnexpectedIsUnknownNotAnError() {
        assertThat(ContainerState.parse("removing")).isEqualTo(ContainerState.UNKNOWN);
        assertThat(ContainerState.parse(null)).isEqualTo(ContainerState.UNKNOWN);
    }

    @Test
    void apiNamesAreTheConventionsLowerCaseWords() {
        assertThat(ContainerState.PAUSED.apiName()).isEqualTo("paused");
    }
}
