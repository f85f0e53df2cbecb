package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.web.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostRulesTests {

    @ParameterizedTest
    @ValueSource(strings = {"docker1", "lab-01", "build.farm_2", "Ünterwelt", "7"})
    void acceptsOrdinaryNames(String name) {
        assertThat(HostRules.name(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-rm           | must not start with '-'",
        "two words     | spaces or control characters",
        "tab\there     | spaces or control characters",
        "be\u0007ll    | spaces or control characters",
        "semi;colon    | only letters, digits",
        ".hidden       | start with a letter or digit"})
    void refusesNamesThatWouldConfuseShellsOrPages(String name, String message) {
        assertThatThrownBy(() -> HostRules.name(name.strip().replace("\\t", "\t")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("name"))
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///var/run/docker.sock", "npipe:////./pipe/docker_engine", "tcp://docker1.example:2376",
        "tcp://127.0.0.1:2376", "tcp://[::1]:2376"})
    void acceptsTheEndpointsDockerSpeaks(String endpoint) {
        HostRules.endpoint(HostKind.DOCKER, endpoint);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://docker1:2375           | unsupported scheme 'http'",
        "file:///etc/passwd            | unsupported scheme 'file'",
        "ssh://root@docker1            | unsupported scheme 'ssh'",
        "unix://var/run/docker.sock    | absolute path",
        "npipe://docker_engine         | npipe:////./pipe/",
        "tcp://docker1                 | tcp://host:port",
        "tcp://docker1:2376/v1.41      | without user, path or query",
        "tcp://user@docker1:2376       | without user, path or query",
        "docker1:2376                  | is not an endpoint"})
    void refusesOtherEndpointsSayingWhatIsExpected(String endpoint, String message) {
        assertThatThrownBy(() -> HostRules.endpoint(HostKind.DOCKER, endpoint))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("endpoint"))
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void theSchemeIsLowerCasedAndTcpNeedsTls() {
        assertThat(HostRules.endpoint(HostKind.DOCKER, "TCP://Docker1.example:2376"))
                .isEqualTo(new HostRules.Endpoint("tcp://Docker1.example:2376", true));
        assertThat(HostRules.endpoint(HostKind.DOCKER, "Unix:///var/run/docker.sock"))
                .isEqualTo(new HostRules.Endpoint("unix:///var/run/docker.sock", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///var/run/docker.sock", "tcp://remote:2376", "Local"})
    void anHcsHostIsAlwaysLocal(String endpoint) {
        assertThatThrownBy(() -> HostRules.endpoint(HostKind.HCS, endpoint)).hasMessageContaining("'local'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"podman", "DOCKER", "docker "})
    void onlyDockerAndHcsAreKinds(String kind) {
        assertThatThrownBy(() -> HostRules.kind(kind))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("kind"))
                .hasMessageContaining("use docker or hcs");
    }
}
