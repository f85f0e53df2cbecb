package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host paths as policy prefixes and bind sources compare them: normalised, segment by segment. */
class HostPathTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/                    | /",
        "/data/               | /data",
        "//data//x/./y        | /data/x/y",
        "/data/../etc         | /etc",
        "/../../etc           | /etc",
        "/data\\x             | /data\\x",
        "c:\\Data\\           | C:\\Data",
        "C:/Data//Logs/./x    | C:\\Data\\Logs\\x",
        "C:\\Data\\..\\Windows | C:\\Windows",
        "C:\\                 | C:\\"})
    void absolutePathsAreNormalisedTheWayTheEngineReadsThem(String given, String normalised) {
        assertThat(HostPath.parse(given)).hasValueSatisfying(path -> assertThat(path).hasToString(normalised));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "data", "./data", "../etc", "~/data", "C:data", "\\\\server\\share", "\\data"})
    void relativeAndUncPathsAreNotAbsolute(String given) {
        assertThat(HostPath.parse(given)).isEmpty();
    }

    /** On Unix a backslash is an ordinary character: {@code /data\..\etc} is one name in {@code /}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/data/x       | /data      | true",
        "/data         | /data      | true",
        "/data         | /          | true",
        "/database     | /data      | false",
        "/dat          | /data      | false",
        "/Data/x       | /data      | false",
        "/data/../etc  | /data      | false",
        "/data\\..\\etc | /data     | false",
        "C:\\data\\x   | c:/DATA    | true",
        "c:/Data/X     | C:\\data\\ | true",
        "D:\\data      | C:\\data   | false",
        "C:\\database  | C:\\data   | false",
        "/data         | C:\\data   | false"})
    void aPrefixCoversItselfAndWhatLiesBelowItNothingElse(String path, String prefix, boolean within) {
        assertThat(HostPath.parse(path).orElseThrow().isWithin(HostPath.parse(prefix).orElseThrow())).isEqualTo(within);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"/data/.. | true", "C:\\data\\..\\x | true", "/data/..x | false", "/da..ta | false"})
    void climbingIsSeenOnEitherSeparator(String path, boolean climbs) {
        assertThat(HostPath.climbs(path)).isEqualTo(climbs);
    }
}
