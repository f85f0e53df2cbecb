package dev.wharf.volumes;

import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.PruneResult;
import dev.wharf.engine.VolumeSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostTabs;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostPolicy;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** A host's volumes page as each built-in role sees it: who uses each volume, and create, remove and prune only for who may. */
@WebMvcTest(controllers = VolumePagesController.class)
@Import({PageSlice.class, HostTabs.class})
class VolumePagesControllerTests {

    static final List<Role> ROLES = Role.BUILT_IN;
    static final RegisteredHost DOCKER1 = host("docker1", HostKind.DOCKER);
    static final RegisteredHost WINDOWS = host("windows1", HostKind.HCS);
    static final VolumeSummary DATA = new VolumeSummary("data", "local", "/var/lib/docker/volumes/data/_data", "local",
            Instant.parse("2026-11-28T09:00:00Z"), Map.of("app", "<b>web</b>"), Map.of());
    static final VolumeSummary SPARE = new VolumeSummary("spare", "local", "/var/lib/docker/volumes/spare/_data", "local", null, Map.of(), Map.of());
    static final ContainerSummary WEB = new ContainerSummary("c0ffee", "web", "busybox", ContainerState.RUNNING, "Up", null, Map.of(),
            List.of(), List.of(new ContainerSummary.Mount("volume", DATA.mountpoint(), "/data", false)), List.of("none"));

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
    VolumeChanges changes;
    @MockitoBean
    LiveEvents events;

    @BeforeEach
    void aDockerHostWithTwoVolumesAndAnHcsHost() {
        ContainerEngine docker = mock(ContainerEngine.class);
        lenient().when(docker.capabilities()).thenReturn(EnumSet.allOf(Capability.class));
        ContainerEngine hcs = mock(ContainerEngine.class);
        lenient().when(hcs.capabilities()).thenReturn(EnumSet.of(Capability.SWITCHES));
        lenient().when(engines.engine(any())).thenAnswer(call -> WINDOWS.id().equals(call.getArgument(0)) ? hcs : docker);
        lenient().when(engines.capabilities(any())).thenCallRealMethod();
        Inventory.Snapshot snapshot = new Inventory.Snapshot(List.of(WEB), List.of(), List.of(), List.of(SPARE, DATA), Optional.empty(),
                Instant.now());
        lenient().when(inventory.of(eq(DOCKER1.id()), anyBoolean())).thenReturn(snapshot);
        lenient().when(inventory.all()).thenReturn(Map.of(DOCKER1.id(), snapshot));
        lenient().when(inventory.loaded(any())).thenAnswer(call -> inventory.all().get(call.getArgument(0)));
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void everyReaderSeesTheVolumesAndWhoUsesThemAndOnlyManagersTheControls(Role role) throws Exception {
        String page = body(as(role, get("/hosts/" + DOCKER1.id() + "/volumes")), 200);

        assertThat(page).contains("aria-label=\"Main\"", "<code>data</code>", "/var/lib/docker/volumes/data/_data", "2026-11-28 09:00",
                "app=&lt;b&gt;web&lt;/b&gt;", "href=\"/hosts/" + DOCKER1.id() + "/containers/c0ffee\"", "<span class=\"muted\">unused</span>").doesNotContain("<b>web</b>");
        boolean manage = role.permissions().contains(Permission.VOLUME_MANAGE);
        assertThat(page.contains("/volumes/new")).as("create").isEqualTo(manage);
        assertThat(page.contains("/volumes/prune")).as("prune").isEqualTo(manage);
        assertThat(page.contains("aria-label=\"Remove data…\"")).as("remove").isEqualTo(manage);
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void liveAsksForTheTableAloneWithItsViewersOwnButtons(Role role) throws Exception {
        String table = body(as(role, get("/hosts/" + DOCKER1.id() + "/volumes").header("HX-Request", "true")
                .header("HX-Target", "volumes-" + DOCKER1.id())), 200);

        assertThat(table.strip()).startsWith("<section id=\"volumes-" + DOCKER1.id() + "\"");
        assertThat(table).contains("spare").doesNotContain("<h1", "id=\"content\"", "-sync");
        assertThat(table.contains("Remove…")).as(role.name()).isEqualTo(role.permissions().contains(Permission.VOLUME_MANAGE));
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void htmxGetsTheContentOnly(Role role) throws Exception {
        String content = body(as(role, get("/hosts/" + DOCKER1.id() + "/volumes").header("HX-Request", "true")), 200);

        assertThat(content.strip()).startsWith("<div id=\"content\">");
        assertThat(content).contains("spare").doesNotContain("<html", "aria-label=\"Main\"");
    }

    @Test
    void anHcsHostSaysVolumesAreNotManagedThroughHcs() throws Exception {
        String page = body(as(Role.ADMIN, get("/hosts/" + WINDOWS.id() + "/volumes")), 200);

        assertThat(page).contains("Volumes are not managed through HCS").doesNotContain("/volumes/new", "/volumes/prune");
    }

    @Test
    void aViewerCanNeitherCreateNorPrune() throws Exception {
        assertThat(status(as(Role.VIEWER, get("/hosts/" + DOCKER1.id() + "/volumes/new")))).isEqualTo(403);
        assertThat(status(as(Role.VIEWER, post("/hosts/" + DOCKER1.id() + "/volumes/prune").with(csrf()).param("confirm", "true"))))
                .isEqualTo(403);
        verify(changes, never()).prune(any(), any(), anyBoolean());
    }

    @Test
    void aNamelessVolumeIsRefusedNextToItsNameWithTheInputKept() throws Exception {
        String page = body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/volumes").with(csrf())
                .param("name", "").param("driver", "local").param("labels", "team=blue\nnot a label")), 400);

        assertThat(page).contains("id=\"name-error\"", "must not be blank", "id=\"labels-error\"", "line 2: write key=value",
                "team=blue\nnot a label");
        verify(changes, never()).create(any(), any(), any());
    }

    @Test
    void pruneShowsTheDryRunFirstAndOnlyAConfirmedPostPrunes() throws Exception {
        when(changes.prune(any(), eq(DOCKER1.id()), eq(true))).thenReturn(new PruneResult(List.of("spare"), 0, true));
        String preview = body(as(Role.ADMIN, get("/hosts/" + DOCKER1.id() + "/volumes/prune")), 200);
        assertThat(preview).contains("<code>spare</code>", "Prune 1 volume", "name=\"confirm\" value=\"true\"");

        body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/volumes/prune").with(csrf())), 400);
        verify(changes, never()).prune(any(), any(), eq(false));

        when(changes.prune(any(), eq(DOCKER1.id()), eq(false))).thenReturn(new PruneResult(List.of("spare"), 4096, false));
        var pruned = mvc.perform(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/volumes/prune").with(csrf()).param("confirm", "true")))
                .andReturn();
        assertThat(pruned.getResponse().getRedirectedUrl()).isEqualTo("/hosts/" + DOCKER1.id() + "/volumes");
        assertThat(pruned.getFlashMap().get("notice")).isEqualTo("Pruned 1 volume: spare (4.0 KiB freed).");
    }

    @Test
    void aRefusedRemoveOffersForce() throws Exception {
        org.mockito.Mockito.doThrow(new dev.wharf.engine.EngineException.Conflict("volume is in use - [c0ffee]", DOCKER1.id(), null))
                .when(changes).remove(any(), any(), eq("data"), eq(false));
        String question = body(as(Role.ADMIN, get("/hosts/" + DOCKER1.id() + "/volumes/data/remove")), 200);
        assertThat(question).contains("Remove volume <span>data</span>?", "web").doesNotContain("name=\"force\"");

        String refused = body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/volumes/data/remove").with(csrf())), 409);
        assertThat(refused).contains("volume is in use", "name=\"force\" value=\"true\"");
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response.getContentAsString();
    }

    private MockHttpServletRequestBuilder as(Role role, MockHttpServletRequestBuilder request) {
        return request.with(signedInAs(role, access, hosts, DOCKER1, WINDOWS));
    }

    static RegisteredHost host(String name, HostKind kind) {
        return new RegisteredHost(UUID.nameUUIDFromBytes(name.getBytes()), name, null, kind,
                kind == HostKind.DOCKER ? "unix:///var/run/docker.sock" : "local", null, null, HostPolicy.DENY_ALL);
    }
}
