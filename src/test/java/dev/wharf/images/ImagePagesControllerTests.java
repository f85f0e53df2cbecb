package dev.wharf.images;

import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
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
import dev.wharf.engine.EngineException;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.Images;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostTabs;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostPolicy;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.HostCounts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

/** The image pages as each built-in role sees them: the same images, only the controls each role may use. */
@WebMvcTest(controllers = {ImagePagesController.class, ImageActionPagesController.class, FleetImagePagesController.class})
@Import({PageSlice.class, ImageRights.class, ImageForms.class, HostStatuses.class, HostTabs.class})
class ImagePagesControllerTests {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final RegisteredHost DOCKER1 = host("docker1", HostKind.DOCKER);
    static final RegisteredHost DOCKER2 = host("docker2", HostKind.DOCKER);
    static final RegisteredHost WINDOWS = host("windows1", HostKind.HCS);
    static final String BUSYBOX = "sha256:" + "ab12".repeat(16);
    static final String DANGLING = "sha256:" + "cd34".repeat(16);
    static final String NGINX = "sha256:" + "ef56".repeat(16);
    static final String PAGE = "/hosts/" + DOCKER1.id() + "/images";

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
    ImageChanges changes;
    @MockitoBean
    LiveEvents events;
    @MockitoBean(name = "hostCounts")
    HostCounts counts;

    @BeforeEach
    void twoDockerHostsAndAWindowsOne() {
        ContainerEngine docker = mock(ContainerEngine.class);
        lenient().when(docker.capabilities()).thenReturn(EnumSet.of(Capability.IMAGES, Capability.CONTAINER_CREATE));
        lenient().when(docker.images()).thenReturn(mock(Images.class));
        ContainerEngine hcs = mock(ContainerEngine.class);
        lenient().when(hcs.capabilities()).thenReturn(EnumSet.of(Capability.SWITCHES));
        lenient().when(hcs.images()).thenThrow(new EngineException.Unsupported("HcsEngine cannot manage images"));
        lenient().when(engines.engine(any())).thenAnswer(call -> WINDOWS.id().equals(call.getArgument(0)) ? hcs : docker);
        lenient().when(engines.capabilities(any())).thenCallRealMethod();

        var one = new Inventory.Snapshot(List.of(container("web", BUSYBOX, "busybox:1"), container(HOSTILE, BUSYBOX, "busybox:1"),
                container("proxy", NGINX, "nginx:1.27")), List.of(
                new ImageSummary(BUSYBOX, List.of("busybox:1", "registry:5000/team/busybox:1"), 4_404_019, Instant.parse("2026-11-28T10:00:00Z"), 2),
                new ImageSummary(DANGLING, List.of(), 1536, Instant.parse("2026-11-27T09:30:00Z"), 0),
                new ImageSummary(NGINX, List.of("nginx:1.27"), 200_000_000, Instant.parse("2026-11-20T08:00:00Z"), 1)),
                List.of(), List.of(), Optional.empty(), Instant.now());
        var two = new Inventory.Snapshot(List.of(), List.of(new ImageSummary("sha256:" + "99aa".repeat(16), List.of("postgres:17"),
                400_000_000, Instant.parse("2026-11-21T08:00:00Z"), 0)), List.of(), List.of(), Optional.empty(), Instant.now());
        lenient().when(inventory.of(eq(DOCKER1.id()), anyBoolean())).thenReturn(one);
        lenient().when(inventory.of(eq(DOCKER2.id()), anyBoolean())).thenReturn(two);
        lenient().when(inventory.all()).thenReturn(Map.of(DOCKER1.id(), one, DOCKER2.id(), two));
        lenient().when(inventory.loaded(any())).thenAnswer(call -> inventory.all().get(call.getArgument(0)));
    }

    static Stream<Role> roles() {
        return Role.BUILT_IN.stream();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleSeesTheImagesWithOnlyTheControlsItHolds(Role role) throws Exception {
        String page = mvc.perform(get(PAGE).with(signedInAs(role, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();

        assertThat(page).contains("busybox:1", "registry:5000/team/busybox:1", "nginx:1.27", "&lt;none&gt;", "ab12ab12ab12",
                "4.2 MiB", "190.7 MiB", "1.5 KiB", "2026-11-28 10:00", "id=\"images-" + DOCKER1.id() + "\"",
                "id=\"images-" + DOCKER1.id() + "-sync\"");
        boolean pull = role.permissions().contains(Permission.IMAGE_PULL);
        boolean delete = role.permissions().contains(Permission.IMAGE_DELETE);
        assertThat(page.contains("id=\"pull-form\"")).as("pull form").isEqualTo(pull);
        assertThat(page.contains("aria-label=\"Tag busybox:1…\"")).as("tag").isEqualTo(pull);
        assertThat(page.contains("aria-label=\"Remove busybox:1…\"")).as("remove").isEqualTo(delete);
        assertThat(page.contains("/images/prune")).as("prune").isEqualTo(delete);
    }

    @Test
    void aViewerSeesTheImagesButNoFormAndNoButton() throws Exception {
        String page = mvc.perform(get(PAGE).with(signedInAs(Role.VIEWER, access, hosts, DOCKER1))).andReturn().getResponse()
                .getContentAsString();

        assertThat(page).contains("busybox:1").doesNotContain("/images/pull\"", "name=\"reference\"", "Tag…",
                "Remove…", "Prune");
    }

    @Test
    void usedByNamesTheContainersRunningTheImageByIdAsLinksAndEscapesTheirNames() throws Exception {
        String page = mvc.perform(get(PAGE).with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse()
                .getContentAsString();

        String busybox = row(page, BUSYBOX);
        assertThat(busybox).contains(">web</a>", "href=\"/hosts/" + DOCKER1.id() + "/containers/" + idOf("web") + "\"",
                "&lt;img src=x onerror=alert(1)&gt;").doesNotContain("proxy", HOSTILE);
        assertThat(row(page, NGINX)).contains(">proxy</a>").doesNotContain(">web</a>");
        assertThat(row(page, DANGLING)).doesNotContain("/containers/");
    }

    @Test
    void aViewerWhoMayNotReadContainersGetsTheirNamesButNoLinks() throws Exception {
        Role imagesOnly = new Role("images-only", "images and hosts", java.util.Set.of(Permission.HOST_READ, Permission.IMAGE_READ), false);
        String page = mvc.perform(get(PAGE).with(signedInAs(imagesOnly, access, hosts, DOCKER1))).andReturn().getResponse()
                .getContentAsString();

        String busybox = row(page, BUSYBOX);
        assertThat(busybox).contains(">web</span>").doesNotContain("/containers/");
    }

    @Test
    void htmxGetsTheContentAndTheLiveRefreshGetsTheTableAlone() throws Exception {
        String content = mvc.perform(get(PAGE).header("HX-Request", "true").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse().getContentAsString();
        assertThat(content).contains("id=\"content\"", "id=\"pull-form\"", "busybox:1").doesNotContain("<html", "id=\"live\"");

        String table = mvc.perform(get(PAGE).header("HX-Request", "true").header("HX-Target", "images-" + DOCKER1.id())
                .with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();
        assertThat(table.strip()).startsWith("<section id=\"images-" + DOCKER1.id() + "\"");
        assertThat(table).contains("busybox:1", "Remove…").doesNotContain("pull-form", "id=\"content\"");
    }

    @Test
    void anHcsHostSaysWhyItHasNoImagesRatherThanFailing() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/hosts/" + WINDOWS.id() + "/images")
                .with(signedInAs(Role.ADMIN, access, hosts, WINDOWS))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).contains("windows1 is a hcs host: it has no images of its own",
                "HcsEngine cannot manage images").doesNotContain("pull-form", "Prune", "There are no images");
    }

    @Test
    void theFleetTableShowsEveryReadableHostsImagesFilteredByHostAndSearch() throws Exception {
        String all = mvc.perform(get("/images").with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn()
                .getResponse().getContentAsString();
        assertThat(all).contains("busybox:1", "nginx:1.27", "postgres:17", ">docker1</a>", ">docker2</a>", "1–4 of 4 images")
                .doesNotContain("Tag…", "Remove…");

        String onTwo = mvc.perform(get("/images").param("host", DOCKER2.id().toString())
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse().getContentAsString();
        assertThat(onTwo).contains("postgres:17").doesNotContain("busybox:1");

        String searched = mvc.perform(get("/images").param("q", "NGINX").header("HX-Request", "true").header("HX-Target", "images-results")
                .with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse().getContentAsString();
        assertThat(searched.strip()).startsWith("<section id=\"images-results\"");
        assertThat(searched).contains("nginx:1.27", "1–1 of 1 images").doesNotContain("busybox:1", "postgres:17");

        String byId = mvc.perform(get("/images").param("q", "cd34cd34")
                .with(signedInAs(Role.VIEWER, access, hosts, DOCKER1, DOCKER2))).andReturn().getResponse().getContentAsString();
        assertThat(byId).contains("cd34cd34cd34").doesNotContain("nginx:1.27");
    }

    @Test
    void aFleetViewerWhoMayReadNoImagesIsToldWhatToDo() throws Exception {
        // a role without image.read sees no host in the fleet's images
        Role none = new Role("nothing", "reads nothing", java.util.Set.of(Permission.HOST_READ), true);
        String page = mvc.perform(get("/images").with(signedInAs(none, access, hosts, DOCKER1))).andReturn().getResponse()
                .getContentAsString();
        assertThat(page).contains("You cannot see the images of any host yet");
    }

    @Test
    void aPullFromHtmxAnswersTheFormAndAPanelForTheOperationAndNeverEchoesTheCredentials() throws Exception {
        UUID operation = UUID.randomUUID();
        when(changes.pull(any(), eq(DOCKER1.id()), eq("registry:5000/team/app:1"), any())).thenReturn(operation);

        String answer = mvc.perform(post(PAGE + "/pull").header("HX-Request", "true").with(csrf())
                .param("reference", " registry:5000/team/app:1 ").param("username", "robot").param("password", "s3cret-pw")
                .with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();

        assertThat(answer).contains("id=\"pull-form\"", "hx-swap-oob=\"afterbegin:#pulls\"", "id=\"pull-" + operation + "\"",
                "data-state=\"starting\"", "<progress class=\"pull-overall\" max=\"100\" value=\"0\"")
                .doesNotContain("s3cret-pw", "robot");
        verify(changes).pull(any(), eq(DOCKER1.id()), eq("registry:5000/team/app:1"),
                eq(new dev.wharf.engine.RegistryAuth("robot", "s3cret-pw", null)));
    }

    @Test
    void aPullWithoutAReferenceIsRefusedNextToTheFieldAndStartsNothing() throws Exception {
        String htmx = mvc.perform(post(PAGE + "/pull").header("HX-Request", "true").with(csrf()).param("reference", " ")
                .with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();
        assertThat(htmx).contains("id=\"pull-reference-error\"", "must not be blank").doesNotContain("hx-swap-oob");

        MockHttpServletResponse plain = mvc.perform(post(PAGE + "/pull").with(csrf()).param("reference", "x").param("username", "robot")
                .with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1))).andReturn().getResponse();
        assertThat(plain.getStatus()).isEqualTo(400);
        assertThat(plain.getContentAsString()).contains("value=\"x\"", "must not be blank", "busybox:1").doesNotContain("robot");
        verify(changes, never()).pull(any(), any(), any(), any());
    }

    @Test
    void aPullWithoutScriptGoesBackToThePageSayingItStarted() throws Exception {
        when(changes.pull(any(), eq(DOCKER1.id()), eq("busybox:1"), isNull())).thenReturn(UUID.randomUUID());

        var result = mvc.perform(post(PAGE + "/pull").with(csrf()).param("reference", "busybox:1")
                .with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo(PAGE);
        assertThat(result.getFlashMap().get("notice").toString()).contains("Pulling busybox:1 has started");
    }

    @Test
    void aViewerCannotPullTagRemoveOrPrune() throws Exception {
        for (var request : List.of(post(PAGE + "/pull").param("reference", "busybox:1"),
                post(PAGE + "/" + BUSYBOX + "/tag").param("repo", "a").param("tag", "b"), post(PAGE + "/" + BUSYBOX + "/remove"),
                post(PAGE + "/prune").param("confirm", "true"), get(PAGE + "/prune"), get(PAGE + "/" + BUSYBOX + "/tag"))) {
            int status = mvc.perform(request.with(csrf()).with(signedInAs(Role.VIEWER, access, hosts, DOCKER1))).andReturn()
                    .getResponse().getStatus();
            assertThat(status).isEqualTo(403);
        }
        verify(changes, never()).pull(any(), any(), any(), any());
        verify(changes, never()).prune(any(), any());
    }

    @Test
    void aTagTheApiWouldRefuseIsRefusedNextToItsFieldWithTheInputKept() throws Exception {
        MockHttpServletResponse response = mvc.perform(post(PAGE + "/" + BUSYBOX + "/tag").with(csrf())
                .param("repo", "Team/App").param("tag", "1.0").with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("id=\"repo-error\"", "must be a repository name such as registry:5000/team/app",
                "value=\"Team/App\"", "value=\"1.0\"");
        verify(changes, never()).tag(any(), any(), any(), any(), any());
    }

    @Test
    void aTagGoesThroughTheSharedChangeAndBackToTheImages() throws Exception {
        MockHttpServletResponse response = mvc.perform(post(PAGE + "/" + BUSYBOX + "/tag").with(csrf())
                .param("repo", "registry:5000/team/app").param("tag", "2").with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse();

        assertThat(response.getRedirectedUrl()).isEqualTo(PAGE);
        verify(changes).tag(any(), eq(DOCKER1.id()), eq(BUSYBOX), eq("registry:5000/team/app"), eq("2"));
    }

    @Test
    void aRemovalTheEngineRefusesShowsItsWordsAndOffersForce() throws Exception {
        String question = mvc.perform(get(PAGE + "/" + DANGLING + "/remove").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse().getContentAsString();
        assertThat(question).contains("Remove image", "cd34cd34cd34").doesNotContain("name=\"force\"");

        org.mockito.Mockito.doThrow(new EngineException.Conflict("conflict: unable to delete ab12ab12ab12 (must be forced) - image is being used by stopped container 1234", DOCKER1.id(), null))
                .when(changes).remove(any(), eq(DOCKER1.id()), eq(BUSYBOX), eq(false));
        MockHttpServletResponse refused = mvc.perform(post(PAGE + "/" + BUSYBOX + "/remove").with(csrf())
                .with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString()).contains("image is being used by stopped container", "name=\"force\"", ">web</a>");
    }

    @Test
    void pruningShowsWhatWouldGoThenWhatWentAndABarePostPrunesNothing() throws Exception {
        when(changes.previewPrune(any(), eq(DOCKER1.id()))).thenReturn(new dev.wharf.engine.PruneResult(List.of(DANGLING), 1536, true));
        String preview = mvc.perform(get(PAGE + "/prune").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse()
                .getContentAsString();
        assertThat(preview).contains("cd34cd34cd34", "freeing about 1.5 KiB", "name=\"confirm\" value=\"true\"");

        MockHttpServletResponse bare = mvc.perform(post(PAGE + "/prune").with(csrf()).with(signedInAs(Role.ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse();
        assertThat(bare.getStatus()).isEqualTo(400);
        verify(changes, never()).prune(any(), any());

        when(changes.prune(any(), eq(DOCKER1.id())))
                .thenReturn(new dev.wharf.engine.PruneResult(List.of(DANGLING, "sha256:" + "1234".repeat(16)), 1536, false));
        String done = mvc.perform(post(PAGE + "/prune").param("confirm", "true").with(csrf())
                .with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse().getContentAsString();
        assertThat(done).contains("Removed 1 images (and 1 of their layers) and reclaimed 1.5 KiB.", DANGLING);
    }

    private static String row(String page, String imageId) {
        int start = page.indexOf("data-image-id=\"" + imageId + "\"");
        assertThat(start).as("row of " + imageId).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static ContainerSummary container(String name, String imageId, String reference) {
        return new ContainerSummary(idOf(name), name, reference, ContainerState.RUNNING, "Up", Instant.now(), Map.of(), List.of(),
                List.of(), List.of(), Map.of("imageId", imageId));
    }

    static String idOf(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes()).toString().replace("-", "").repeat(2);
    }

    private static RegisteredHost host(String name, HostKind kind) {
        return new RegisteredHost(UUID.nameUUIDFromBytes(name.getBytes()), name, null, kind,
                kind == HostKind.DOCKER ? "unix:///var/run/docker.sock" : "local", null, null, HostPolicy.DENY_ALL);
    }
}
