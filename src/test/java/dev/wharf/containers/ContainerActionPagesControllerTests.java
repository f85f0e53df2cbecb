package dev.wharf.containers;

import static dev.wharf.containers.PageFixtures.DOCKER1;
import static dev.wharf.containers.PageFixtures.HOSTILE;
import static dev.wharf.containers.PageFixtures.container;
import static dev.wharf.containers.PageFixtures.snapshot;
import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.EngineException;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * A row's actions through the page routes: the outcome in place for htmx, a notice and the way back for a
 * plain form, the refusals of the route check, and the remove question.
 */
@WebMvcTest(controllers = ContainerActionPagesController.class)
@Import({PageSlice.class, ContainerRights.class})
class ContainerActionPagesControllerTests {

    static final ContainerSummary WEB = container("web", ContainerState.RUNNING, "nginx:1.27", Map.of(), 1);
    static final String ROW = "/hosts/" + DOCKER1.id() + "/containers/" + WEB.id();

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
    @MockitoBean
    ContainerChanges changes;

    @BeforeEach
    void aHostWithARunningContainer() {
        PageFixtures.engines(engines);
        when(inventory.all()).thenReturn(Map.of(DOCKER1.id(), snapshot(List.of(WEB), List.of(), List.of())));
    }

    static Stream<Role> roles() {
        return Role.BUILT_IN.stream();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void aRowNewToAPageGetsTheActionsOfItsViewer(Role role) throws Exception {
        String cell = mvc.perform(get(ROW + "/actions").header("HX-Request", "true")
                .header("HX-Current-URL", "http://console.example/containers?state=running")
                .with(signedInAs(role, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();

        assertThat(cell).doesNotContain("<html", "<td");
        assertThat(cell.contains("aria-label=\"Stop web\"")).isEqualTo(role.permissions().contains(Permission.CONTAINER_LIFECYCLE));
        assertThat(cell.contains("aria-label=\"Remove web…\"")).isEqualTo(role.permissions().contains(Permission.CONTAINER_DELETE));
        if (role.permissions().contains(Permission.CONTAINER_LIFECYCLE)) {
            assertThat(cell).contains("name=\"back\" value=\"/containers?state=running\"", "name=\"_csrf\"");
        }
    }

    @Test
    void withHtmxTheOutcomeComesBackAloneForTheRowsMessageCell() throws Exception {
        String outcome = mvc.perform(post(ROW + "/stop").header("HX-Request", "true").with(csrf())
                .with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();

        assertThat(outcome.strip()).isEqualTo("<span class=\"done\">stopped</span>");
        verify(changes).run(any(), eq(DOCKER1.id()), eq(WEB.id()), eq(ContainerAction.STOP), eq(Duration.ofSeconds(10)), eq("SIGKILL"));
    }

    @Test
    void theEnginesRefusalIsShownAsTextInTheRow() throws Exception {
        doThrow(new EngineException.Conflict("docker1: container is not running " + HOSTILE, DOCKER1.id(), null))
                .when(changes).run(any(), any(), any(), eq(ContainerAction.PAUSE), any(), any());

        MockHttpServletResponse response = mvc.perform(post(ROW + "/pause").header("HX-Request", "true").with(csrf())
                .with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getStatus()).as("htmx swaps only a 2xx").isEqualTo(200);
        assertThat(response.getContentAsString()).contains("class=\"failed\"", "container is not running &lt;img")
                .doesNotContain(HOSTILE);
    }

    @Test
    void aPlainFormGoesBackToItsListWithANotice() throws Exception {
        MockHttpServletResponse response = mvc.perform(post(ROW + "/kill").param("back", "/containers?q=web").with(csrf())
                .with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/containers?q=web");
        verify(changes).run(any(), eq(DOCKER1.id()), eq(WEB.id()), eq(ContainerAction.KILL), any(), eq("SIGKILL"));
    }

    @Test
    void theWayBackLeadsOnlyToTheConsolesOwnLists() throws Exception {
        MockHttpServletResponse response = mvc.perform(post(ROW + "/start").param("back", "https://elsewhere.example/").with(csrf())
                .with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getRedirectedUrl()).isEqualTo("/hosts/" + DOCKER1.id() + "/containers");
    }

    @Test
    void aViewerIsRefusedBeforeAnythingHappens() throws Exception {
        MockHttpServletResponse response = mvc.perform(post(ROW + "/stop").header("HX-Request", "true").with(csrf())
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(403);
        verify(changes, never()).run(any(), any(), any(), any(), any(), any());
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        assertThat(mvc.perform(post(ROW + "/stop").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        verify(changes, never()).run(any(), any(), any(), any(), any(), any());
    }

    @Test
    void removingARunningContainerAsksFirstAndOffersToForceIt() throws Exception {
        ContainerEngine engine = engines.engine(DOCKER1.id());
        when(engine.inspect(WEB.id())).thenReturn(detail(WEB));

        String page = mvc.perform(get(ROW + "/remove").with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Remove <span>web</span>?", "Stop and remove", "name=\"force\" value=\"true\"", "name=\"_csrf\"");
    }

    @Test
    void anOperatorMayNotEvenAskToRemove() throws Exception {
        assertThat(mvc.perform(get(ROW + "/remove").with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aRemovalTheEngineRefusesStaysOnTheQuestionWithItsAnswer() throws Exception {
        doThrow(new EngineException.Conflict("docker1: You cannot remove a running container", DOCKER1.id(), null))
                .when(changes).remove(any(), any(), any(), eq(false));

        MockHttpServletResponse response = mvc.perform(post(ROW + "/remove").with(csrf())
                .with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getContentAsString()).contains("You cannot remove a running container", "Stop and remove");
    }

    @Test
    void aRemovalGoesBackToTheList() throws Exception {
        MockHttpServletResponse response = mvc.perform(post(ROW + "/remove").param("force", "true").param("back", "/containers")
                .with(csrf()).with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getRedirectedUrl()).isEqualTo("/containers");
        verify(changes).remove(any(), eq(DOCKER1.id()), eq(WEB.id()), eq(true));
    }

    private static ContainerDetail detail(ContainerSummary summary) {
        return new ContainerDetail(summary, List.of(), Map.of(), null, null, null, Map.of());
    }
}
