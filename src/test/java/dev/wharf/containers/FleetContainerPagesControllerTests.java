package dev.wharf.containers;

import static dev.wharf.containers.PageFixtures.DOCKER1;
import static dev.wharf.containers.PageFixtures.DOCKER2;
import static dev.wharf.containers.PageFixtures.HOSTILE;
import static dev.wharf.containers.PageFixtures.container;
import static dev.wharf.containers.PageFixtures.snapshot;
import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.ContainerState;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The fleet's containers page as each built-in role sees it, whole and as the results region htmx asks
 * for, over the real security chains with the inventory and the access policy standing in.
 */
@WebMvcTest(controllers = FleetContainerPagesController.class)
@Import({PageSlice.class, ContainerSearch.class, ContainerRights.class, HostStatuses.class})
class FleetContainerPagesControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    VisibleHosts hosts;
    @MockitoBean
    AccessPolicy access;
    @MockitoBean
    Inventory inventory;
    @MockitoBean
    HostEngines engines;
    @MockitoBean
    LiveEvents events;

    @BeforeEach
    void twoHostsWithContainers() {
        PageFixtures.engines(engines);
        when(inventory.all()).thenReturn(Map.of(
                DOCKER1.id(), snapshot(List.of(
                        container("web", ContainerState.RUNNING, "nginx:1.27", Map.of("app", "web", "evil", HOSTILE), 1),
                        container("db", ContainerState.EXITED, "postgres:17", Map.of("app", "db"), 2)), List.of(), List.of()),
                DOCKER2.id(), snapshot(List.of(
                        container("cache", ContainerState.PAUSED, "redis:7", Map.of(), 3)), List.of(), List.of())));
    }

    static Stream<Role> roles() {
        return Role.BUILT_IN.stream();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleSeesEveryRowAndOnlyTheActionsItHolds(Role role) throws Exception {
        String page = page(mvc.perform(get("/containers").with(signedInAs(role, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());

        assertThat(rows(page)).containsExactly("web", "db", "cache"); // newest first
        assertThat(page.contains("class=\"act act-stop\"")).as("stop offered").isEqualTo(role.permissions().contains(Permission.CONTAINER_LIFECYCLE));
        assertThat(page.contains("class=\"act act-start\"")).as("start offered").isEqualTo(role.permissions().contains(Permission.CONTAINER_LIFECYCLE));
        assertThat(page.contains("act-remove")).as("remove offered").isEqualTo(role.permissions().contains(Permission.CONTAINER_DELETE));
        assertThat(page.contains("/containers/new")).as("create offered").isEqualTo(role.permissions().contains(Permission.CONTAINER_CREATE));
    }

    @Test
    void moreThanAPageGetsAPagerThatKeepsTheFiltersAndReplacesOnlyTheResults() throws Exception {
        List<dev.wharf.engine.ContainerSummary> many = java.util.stream.IntStream.range(0, 120)
                .mapToObj(i -> container("svc-" + i, ContainerState.RUNNING, "nginx:1.27", Map.of(), i)).toList();
        when(inventory.all()).thenReturn(Map.of(DOCKER1.id(), snapshot(many, List.of(), List.of())));

        String first = page(mvc.perform(get("/containers?state=running").with(signedInAs(Role.VIEWER, access, hosts, DOCKER1)))
                .andReturn().getResponse());
        assertThat(rows(first)).hasSize(50).first().isEqualTo("svc-0");
        assertThat(first).contains("Page 1 of 3", "hx-target=\"#fleet-results\"").doesNotContain("rel=\"prev\"");
        Matcher next = Pattern.compile("href=\"([^\"]*)\" rel=\"next\"").matcher(first);
        assertThat(next.find()).as("a Next link").isTrue();
        assertThat(next.group(1)).contains("state=running", "page=1");

        String last = page(mvc.perform(get(next.group(1).replace("&amp;", "&").replace("page=1", "page=2"))
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1))).andReturn().getResponse());
        assertThat(rows(last)).hasSize(20).last().isEqualTo("svc-119");
        assertThat(last).contains("Page 3 of 3", "rel=\"prev\"").doesNotContain("rel=\"next\"");
    }

    @Test
    void aViewerGetsNoActionAtAll() throws Exception {
        String page = page(mvc.perform(get("/containers").with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());

        assertThat(page).doesNotContain("<form method=\"post\"", "<button type=\"submit\" aria-label", "Remove…", "/containers/new")
                .contains("nginx:1.27", "postgres:17", "redis:7");
        assertThat(page).as("no empty Actions column").contains("class=\"grid containers no-actions\"");
    }

    @Test
    void anOperatorMayDriveContainersButNotRemoveOrCreateThem() throws Exception {
        String page = page(mvc.perform(get("/containers").with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());

        assertThat(page).doesNotContain("no-actions");
        assertThat(page).contains("aria-label=\"Stop web\"", "aria-label=\"Start db\"", "aria-label=\"Resume cache\"", "name=\"_csrf\"")
                .doesNotContain("Remove…", "/containers/new");
    }

    @Test
    void anAdminMayAlsoRemoveAndCreateOnEitherHost() throws Exception {
        String page = page(mvc.perform(get("/containers").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());

        assertThat(page).contains("aria-label=\"Remove web…\"", "<summary class=\"button\">New container</summary>", "/hosts/" + DOCKER1.id() + "/containers/new",
                "/hosts/" + DOCKER2.id() + "/containers/new");
    }

    @Test
    void htmxAsksForTheResultsRegionOnlyAndTheFormFollowsItsSort() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/containers").param("sort", "name").param("state", "running")
                .header("HX-Request", "true").header("HX-Target", "fleet-results")
                .with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse();

        String fragment = page(response).strip();
        assertThat(fragment).doesNotContain("<html", "<form id=\"filters\"", "<nav aria-label=\"Main\"")
                .startsWith("<section id=\"fleet-results\"").contains("id=\"fleet-sort\" hx-swap-oob=\"true\"", "value=\"name\"");
        assertThat(rows(fragment)).containsExactly("web");
        assertThat(response.getHeader("Vary")).contains("HX-Request");
    }

    @Test
    void theLiveStreamsResyncGetsTheWholePageSinceItAsksForTheContentNotTheResults() throws Exception {
        String page = page(mvc.perform(get("/containers").header("HX-Request", "true").header("HX-Target", "content")
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());

        assertThat(page).contains("<html", "id=\"content\"", "<form id=\"filters\"");
    }

    @Test
    void filtersNarrowTheRowsAndEveryLinkKeepsThem() throws Exception {
        String page = page(mvc.perform(get("/containers").param("host", DOCKER1.name()).param("label", "app").param("sort", "name")
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());

        assertThat(rows(page)).containsExactly("db", "web");
        assertThat(page).contains("/containers?host=docker1&amp;label=app&amp;sort=name&amp;dir=desc") // the Name header turns it round
                .contains("data-live-fleet=\"notice\"") // a filtered view learns of new containers by a notice
                .contains("data-live-hosts=\"" + DOCKER1.id() + "\""); // ...of its own hosts
    }

    @Test
    void theUnfilteredFirstPageTakesNewContainersOnTop() throws Exception {
        String page = page(mvc.perform(get("/containers").with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2)))
                .andReturn().getResponse());

        assertThat(page).contains("data-live-fleet=\"prepend\"", "id=\"fleet-news\"");
    }

    @Test
    void whatEnginesAndViewersWroteIsShownAsText() throws Exception {
        String page = page(mvc.perform(get("/containers").param("q", HOSTILE)
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse());
        String all = page(mvc.perform(get("/containers").with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2)))
                .andReturn().getResponse());

        assertThat(page).doesNotContain(HOSTILE).contains("value=\"&lt;img src=x onerror=alert(1)&gt;\"", "No container matches");
        assertThat(all).doesNotContain(HOSTILE).contains("evil=&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void aFilterThePageCannotReadIsSaidNextToTheResults() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/containers").param("state", "sleeping")
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(page(response)).contains("The state filter must be one of", "Any state");
    }

    @Test
    void withoutAHostThePageSaysWhatToDo() throws Exception {
        String page = page(mvc.perform(get("/containers").with(signedInAs(Role.VIEWER, access, hosts))).andReturn().getResponse());

        assertThat(page).contains("You cannot see any host yet", "Go to the hosts");
    }

    @Test
    void strangersAreSentToSignIn() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/containers")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).endsWith("/login");
    }

    /** The body, with a 2xx asserted unless the test looks at the status itself. */
    static String page(MockHttpServletResponse response) throws Exception {
        return response.getContentAsString();
    }

    /** The containers' names, in the order the table shows them. */
    static List<String> rows(String page) {
        Matcher names = Pattern.compile("<td class=\"name\"><a href=\"[^\"]+\"\\s*>([^<]+)</a>").matcher(page);
        List<String> found = new java.util.ArrayList<>();
        while (names.find()) {
            found.add(names.group(1));
        }
        return found;
    }
}
