package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

class ApiAuthenticationFilterTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "access_token=abc             | true",
        "page=0&TOKEN=abc             | true",
        "q=wharf_c2VjcmV0             | true",
        "q=wharf%5Fc2VjcmV0           | true",
        "page=1&size=100              | false",
        "x=%zz                        | false",
        "none                         | false"})
    void spotsTokensInTheQueryStringWithoutFailingOnBrokenEscapes(String query, boolean carries) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/tokens");
        request.setQueryString(query);

        assertThat(ApiAuthenticationFilter.carriesTokenInQuery(request)).isEqualTo(carries);
    }
}
