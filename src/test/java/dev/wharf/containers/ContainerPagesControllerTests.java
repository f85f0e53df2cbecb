package dev.wharf.containers;

import static dev.wharf.containers.PageFixtures.DOCKER1;
import static dev.wharf.containers.PageFixtures.WINDOWS;
import static dev.wharf.containers.PageFixtures.container;
import static dev.wharf.containers.PageFixtures.snapshot;
import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.ContainerState;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.HostTabs;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.HostCounts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
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
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A host's containers page as each built-in role sees it: the same rows, only the actions each holds. */
@WebMvcTest(controllers = ContainerPagesController.class)
@Import({PageSlice.class, ContainerRights.class, HostContainersSection.class, HostStatuses.class, HostTabs.class})
class ContainerPagesControllerTests {

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
    @MockitoBean(name = "hostCounts")
    HostCounts counts;

    @BeforeEach
    void aHostWithTwoContainers() {
        PageFixtures.engines(engines);
        var snapshot = snapshot(List.of(container("web", ContainerState.RUNNING, "nginx:1.27", Map.of(), 1),
                container("db", ContainerState.EXITED, "postgres:17", Map.of(), 2)), List.of(), List.of());
        when(inventory.of(eq(DOCKER1.id()), anyBoolean())).thenReturn(snapshot);
        when(inventory.of(eq(WINDOWS.id()), anyBoolean())).thenReturn(snapshot);
    }

    static Stream<Role> roles() {
        return Role.BUILT_IN.stream();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleGetsTheRowsWithOnlyTheActionsItHolds(Role role) throws Exception {
        String page = mvc.perform(get("/hosts/" + DOCKER1.id() + "/containers").with(signedInAs(role, access, hosts, DOCKER1)))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("id=\"containers-" + DOCKER1.id() + "\"", "nginx:1.27", "postgres:17")
                .doesNotContain("hx-swap-oob"); // the page's own rows are no out-of-band swaps
        boolean lifecycle = role.permissions().contains(Permission.CONTAINER_LIFECYCLE);
        assertThat(page.contains("aria-label=\"Stop web\"")).as("stop").isEqualTo(lifecycle);
        assertThat(page.contains("aria-label=\"Start db\"")).as("start").isEqualTo(lifecycle);
        assertThat(page.contains("aria-label=\"Remove web…\"")).as("remove").isEqualTo(role.permissions().contains(Permission.CONTAINER_DELETE));
        assertThat(page.contains("/hosts/" + DOCKER1.id() + "/containers/new")).as("create")
                .isEqualTo(role.permissions().contains(Permission.CONTAINER_CREATE));
    }

    @Test
    void aViewerSeesNoButtonAndNoForm() throws Exception {
        String page = mvc.perform(get("/hosts/" + DOCKER1.id() + "/containers").with(signedInAs(Role.VIEWER, access, hosts, DOCKER1)))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).doesNotContain("<button type=\"submit\" aria-label", "method=\"post\" class=\"act", "Remove…", "New container");
        assertThat(page).as("no empty Actions column").contains("class=\"grid containers one-host no-actions\"");
    }

    @Test
    void anHcsHostOffersNeitherRestartNorRemoveNorCreateEvenToAnAdmin() throws Exception {
        String page = mvc.perform(get("/hosts/" + WINDOWS.id() + "/containers").with(signedInAs(Role.ADMIN, access, hosts, WINDOWS)))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("aria-label=\"Stop web\"", "aria-label=\"Kill web\"")
                .doesNotContain("aria-label=\"Restart web\"", "Remove…", "/containers/new");
    }
}
