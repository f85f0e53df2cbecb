package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.UsesTestDatabase;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler of the application states who may use it, and the hand-written route table says the same:
 * a new route without a rule, or one the table does not list, fails here before it can ship.
 */
@UsesTestDatabase
@SpringBootTest(properties = "wharf.admin-password=routes")
class RouteCoverageTests {

    /**
     * The only routes open without signing in (static assets, Swagger UI's files and health are not handler methods):
     * the sign-in and error pages, and springdoc's OpenAPI document and the Swagger UI page that reads it.
     */
    private static final Set<String> OPEN = Set.of("/login", "/error",
            "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/swagger-config", "/swagger-ui.html");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void everyHandlerStatesExactlyOneAccessRule() {
        assertThat(RouteRules.mapped(mapping)).filteredOn(route -> route.rule().equals("none") || route.rule().equals("conflicting"))
                .as("handlers without exactly one of @Requires, @SignedIn, @Public").isEmpty();
    }

    @Test
    void onlyTheSignInAndErrorPagesAndTheApiDocumentationArePublic() {
        assertThat(RouteRules.mapped(mapping)).filteredOn(route -> route.rule().equals("public"))
                .allSatisfy(route -> assertThat(OPEN).contains(route.path()));
    }

    @Test
    void theRouteTableListsEveryMappingWithTheRuleItsHandlerStates() {
        Set<RouteRules.Route> mapped = RouteRules.mapped(mapping);
        List<RouteRules.Route> table = RouteRules.table();

        assertThat(Set.copyOf(table)).as("the table (src/test/resources/access/routes.csv) against the application; it should read:\n"
                + csv(mapped)).isEqualTo(mapped);
        assertThat(table).as("no route twice in the table").doesNotHaveDuplicates();
    }

    private static String csv(Set<RouteRules.Route> routes) {
        return routes.stream().sorted(Comparator.comparing(RouteRules.Route::path).thenComparing(RouteRules.Route::method))
                .map(r -> r.method() + "," + r.path() + "," + r.rule()).collect(Collectors.joining("\n"));
    }
}
