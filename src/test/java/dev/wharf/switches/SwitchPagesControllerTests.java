package dev.wharf.switches;

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
import dev.wharf.engine.SwitchSummary;
import dev.wharf.engine.Switches;
import dev.wharf.hosts.HostActions;
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
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The switch pages as each built-in role sees them, whole and as htmx content: the same switches for every
 * reader, create, remove, connect and disconnect only for who may manage switches; engine strings as text.
 */
@WebMvcTest(controllers = {SwitchPagesController.class, SwitchChangePagesController.class})
@Import({PageSlice.class, SwitchRights.class, HostTabs.class})
class SwitchPagesControllerTests {

    static final List<Role> ROLES = Role.BUILT_IN;
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final RegisteredHost DOCKER1 = host("docker1", HostKind.DOCKER);
    static final RegisteredHost WINDOWS = host("windows1", HostKind.HCS);

    static final ContainerSummary WEB = container("web");
    static final ContainerSummary DB = container("db");
    static final SwitchSummary LAB = new SwitchSummary("lab0001", "lab-net", "bridge", "local", true,
            List.of(new SwitchSummary.Subnet("10.9.0.0/24", "10.9.0.1")), null,
            List.of(new SwitchSummary.Attachment(WEB.id(), "web", "10.9.0.2", "02:42:0a:09:00:02")), Map.of());
    static final SwitchSummary BRIDGE = new SwitchSummary("bridge0001", "bridge", "bridge", "local", false, List.of(), null, List.of(), Map.of());
    static final SwitchSummary ODD = new SwitchSummary("odd0001", HOSTILE, "bridge", "local", false, List.of(), null, List.of(), Map.of());
    static final SwitchSummary NAT = new SwitchSummary("5B12A8CA-CA12-4D94-9216-A2461D4E4077", "nat", "NAT", "local", false,
            List.of(new SwitchSummary.Subnet("172.31.176.0/20", "172.31.176.1")), null,
            List.of(new SwitchSummary.Attachment("web-1", "web-1", "172.31.176.9", "00-15-5D-52-C0-17", "e7f0a3b2-0000-4000-8000-000000000001")),
            Map.of(), List.of("EnableNonPersistent"), List.of());

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
    HostActions actions;
    @MockitoBean
    SwitchChanges changes;
    @MockitoBean
    LiveEvents events;

    @BeforeEach
    void twoHostsWithSwitches() {
        Switches docker = mock(Switches.class);
        lenient().when(docker.inspect(any())).thenAnswer(call -> List.of(LAB, ODD).stream()
                .filter(s -> s.id().equals(call.getArgument(0)) || s.name().equals(call.getArgument(0))).findFirst()
                .orElseThrow(() -> new dev.wharf.engine.EngineException.NotFound("no such network", DOCKER1.id())));
        lenient().when(docker.types()).thenReturn(List.of("bridge", "macvlan"));
        Switches hcn = mock(Switches.class);
        lenient().when(hcn.inspect(any())).thenReturn(NAT);
        lenient().when(hcn.types()).thenReturn(List.of("NAT", "Internal"));
        ContainerEngine dockerEngine = engine(EnumSet.allOf(Capability.class), docker);
        ContainerEngine hcsEngine = engine(EnumSet.of(Capability.SWITCHES), hcn);
        lenient().when(engines.engine(any())).thenAnswer(call -> WINDOWS.id().equals(call.getArgument(0)) ? hcsEngine : dockerEngine);
        lenient().when(engines.capabilities(any())).thenCallRealMethod();
        lenient().when(actions.read(any(), any(), any(), any())).thenAnswer(call -> {
            Function<ContainerEngine, Object> read = call.getArgument(3);
            return read.apply(engines.engine(call.getArgument(1)));
        });
        Inventory.Snapshot dockerSnapshot = snapshot(List.of(WEB, DB), List.of(LAB, ODD, BRIDGE));
        Inventory.Snapshot hcsSnapshot = snapshot(List.of(), List.of(NAT));
        lenient().when(inventory.of(eq(DOCKER1.id()), anyBoolean())).thenReturn(dockerSnapshot);
        lenient().when(inventory.of(eq(WINDOWS.id()), anyBoolean())).thenReturn(hcsSnapshot);
        lenient().when(inventory.all()).thenReturn(Map.of(DOCKER1.id(), dockerSnapshot, WINDOWS.id(), hcsSnapshot));
        lenient().when(inventory.loaded(any())).thenAnswer(call -> inventory.all().get(call.getArgument(0)));
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void aHostsSwitchesAreListedForEveryReaderWithControlsOnlyForWhoManages(Role role) throws Exception {
        String page = body(as(role, get("/hosts/" + DOCKER1.id() + "/switches")), 200);

        assertThat(page).contains("aria-label=\"Main\"", "lab-net", "10.9.0.0/24", "(10.9.0.1)", "10.9.0.2",
                "href=\"/hosts/" + DOCKER1.id() + "/containers/" + WEB.id() + "\"", "&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(HOSTILE);
        boolean manage = role.permissions().contains(Permission.SWITCH_MANAGE);
        assertThat(page.contains("/hosts/" + DOCKER1.id() + "/switches/new")).as("create").isEqualTo(manage);
        assertThat(page.contains("aria-label=\"Remove lab-net…\"")).as("remove").isEqualTo(manage);
        assertThat(page).as("Docker's own networks are never offered for removal").contains("bridge0001")
                .doesNotContain("aria-label=\"Remove bridge…\"");
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void liveAsksForTheTableAloneWithItsViewersOwnButtons(Role role) throws Exception {
        String table = body(as(role, get("/hosts/" + DOCKER1.id() + "/switches").header("HX-Request", "true")
                .header("HX-Target", "switches-" + DOCKER1.id())), 200);

        assertThat(table.strip()).startsWith("<section id=\"switches-" + DOCKER1.id() + "\"");
        assertThat(table).contains("lab-net").doesNotContain("<h1", "id=\"content\"", "-sync");
        assertThat(table.contains("Remove…")).as(role.name()).isEqualTo(role.permissions().contains(Permission.SWITCH_MANAGE));
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void htmxGetsThePagesContentOnly(Role role) throws Exception {
        for (String path : List.of("/hosts/" + DOCKER1.id() + "/switches", "/switches", "/hosts/" + DOCKER1.id() + "/switches/lab0001")) {
            String content = body(as(role, get(path).header("HX-Request", "true")), 200);

            assertThat(content.strip()).as(path).startsWith("<div id=\"content\">");
            assertThat(content).as(path).contains("lab-net").doesNotContain("<html", "aria-label=\"Main\"", "id=\"live\"");
        }
    }

    @ParameterizedTest
    @FieldSource("ROLES")
    void theSwitchPageOffersConnectAndDisconnectOnlyToWhoManages(Role role) throws Exception {
        String page = body(as(role, get("/hosts/" + DOCKER1.id() + "/switches/lab0001")), 200);

        assertThat(page).contains("Attached containers", "10.9.0.2", "02:42:0a:09:00:02", "bridge");
        boolean manage = role.permissions().contains(Permission.SWITCH_MANAGE);
        assertThat(page.contains("aria-label=\"Disconnect web\"")).as("disconnect").isEqualTo(manage);
        assertThat(page.contains("/switches/lab0001/connect")).as("connect").isEqualTo(manage);
        assertThat(page.contains("/switches/lab0001/remove")).as("remove").isEqualTo(manage);
        if (manage) {
            // only containers not attached yet are offered
            assertThat(page).contains("<option value=\"" + DB.id() + "\">db (running)</option>")
                    .doesNotContain("<option value=\"" + WEB.id() + "\"");
        }
    }

    @Test
    void aViewerSeesNoFormAtAll() throws Exception {
        for (String path : List.of("/hosts/" + DOCKER1.id() + "/switches", "/hosts/" + DOCKER1.id() + "/switches/lab0001")) {
            String page = body(as(Role.VIEWER, get(path)), 200);
            assertThat(page).as(path).doesNotContain("/connect\"", "/disconnect\"", "hx-post", "Remove…", "New switch", "Disconnect");
        }
        assertThat(mvc.perform(as(Role.VIEWER, get("/hosts/" + DOCKER1.id() + "/switches/new"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(as(Role.VIEWER, post("/hosts/" + DOCKER1.id() + "/switches/lab0001/connect").with(csrf())
                .param("containerId", DB.id()))).andReturn().getResponse().getStatus()).isEqualTo(403);
        verify(changes, never()).connect(any(), any(), any(), any());
    }

    @Test
    void theFleetTableShowsDockerAndHcnNetworksSideBySideAndFiltersByHost() throws Exception {
        String all = body(as(Role.VIEWER, get("/switches")), 200);
        assertThat(all).contains("lab-net", "nat", "<code>docker</code>", "<code>hcs</code>", "172.31.176.0/20");

        String windowsOnly = body(as(Role.VIEWER, get("/switches").param("host", WINDOWS.id().toString())), 200);
        assertThat(windowsOnly).contains("nat", "<code>hcs</code>").doesNotContain("lab-net", "<code>docker</code>");
        String dockerKind = body(as(Role.VIEWER, get("/switches").param("kind", "docker")), 200);
        assertThat(dockerKind).contains("lab-net").doesNotContain("172.31.176.0/20");
    }

    @Test
    void anHcsSwitchShowsTheChainToTheComputeSystemWithoutConnectForms() throws Exception {
        String page = body(as(Role.ADMIN, get("/hosts/" + WINDOWS.id() + "/switches/" + NAT.id())), 200);

        assertThat(page).contains("switch → network → endpoint → compute system", "e7f0a3b2-0000-4000-8000-000000000001",
                "172.31.176.9", "00-15-5D-52-C0-17", "href=\"/hosts/" + WINDOWS.id() + "/containers/web-1\"", "EnableNonPersistent", "HCN type")
                .doesNotContain("/connect", "Disconnect");
    }

    @Test
    void aRefusedCreateComesBackNextToItsFieldWithTheInputKept() throws Exception {
        String page = body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/switches").with(csrf())
                .param("name", "lab-two").param("type", "macvlan").param("subnet", "nope").param("gateway", "10.1.0.1")), 400);

        assertThat(page).contains("id=\"subnet-error\"", "must be a CIDR such as 10.10.0.0/24", "value=\"lab-two\"", "value=\"nope\"",
                "<option value=\"macvlan\" selected=\"selected\">macvlan</option>").doesNotContain("name=\"internal\" value=\"true\" checked");
        verify(changes, never()).create(any(), any(), any());
    }

    @Test
    void theNewFormIsInternalByDefaultAndOffersTheEnginesDrivers() throws Exception {
        String page = body(as(Role.HOST_ADMIN, get("/hosts/" + DOCKER1.id() + "/switches/new")), 200);

        assertThat(page).contains("name=\"internal\" value=\"true\" checked=\"checked\"", "<option value=\"bridge\">bridge</option>",
                "<option value=\"macvlan\">macvlan</option>");
    }

    @Test
    void aValidCreateGoesThroughTheApisChangesAndOpensTheNewSwitch() throws Exception {
        when(changes.create(any(), eq(DOCKER1.id()), any())).thenReturn(LAB);

        MvcResult result = mvc.perform(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/switches").with(csrf())
                .param("name", "lab-net").param("type", "bridge").param("internal", "true"))).andReturn();

        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/hosts/" + DOCKER1.id() + "/switches/lab0001");
        verify(changes).create(any(), eq(DOCKER1.id()), eq(new dev.wharf.engine.SwitchSpec("lab-net", "bridge", null, true, null, Map.of())));
    }

    @Test
    void connectWithHtmxAnswersTheAttachedPartWithItsOutcome() throws Exception {
        String part = body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/switches/lab0001/connect").with(csrf())
                .header("HX-Request", "true").param("containerId", DB.id())), 200);

        verify(changes).connect(any(), eq(DOCKER1.id()), eq("lab0001"), eq(DB.id()));
        assertThat(part.strip()).startsWith("<section id=\"attached\"");
        assertThat(part).contains("Connected db.").doesNotContain("<html");

        org.mockito.Mockito.doThrow(new dev.wharf.engine.EngineException.Conflict("endpoint with name web already exists in network lab-net",
                DOCKER1.id(), null)).when(changes).connect(any(), any(), any(), eq(WEB.id()));
        String refused = body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/switches/lab0001/connect").with(csrf())
                .header("HX-Request", "true").param("containerId", WEB.id())), 200);
        assertThat(refused).contains("class=\"notice error\"", "Could not connect web: endpoint with name web already exists");
    }

    @Test
    void removingAsksFirstAndShowsTheEnginesRefusal() throws Exception {
        String question = body(as(Role.ADMIN, get("/hosts/" + DOCKER1.id() + "/switches/lab0001/remove")), 200);
        assertThat(question).contains("Remove switch <span>lab-net</span>?", "disconnect them");

        org.mockito.Mockito.doThrow(new dev.wharf.engine.EngineException.Conflict("error while removing network: network lab-net has active endpoints",
                DOCKER1.id(), null)).when(changes).remove(any(), any(), eq("lab0001"));
        String refused = body(as(Role.ADMIN, post("/hosts/" + DOCKER1.id() + "/switches/lab0001/remove").with(csrf())), 409);
        assertThat(refused).contains("has active endpoints", "Remove switch");
    }

    private String body(MockHttpServletRequestBuilder request, int status) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        return response.getContentAsString();
    }

    private MockHttpServletRequestBuilder as(Role role, MockHttpServletRequestBuilder request) {
        return request.with(signedInAs(role, access, hosts, DOCKER1, WINDOWS));
    }

    private static ContainerEngine engine(java.util.Set<Capability> capabilities, Switches switches) {
        ContainerEngine engine = mock(ContainerEngine.class);
        lenient().when(engine.capabilities()).thenReturn(capabilities);
        lenient().when(engine.switches()).thenReturn(switches);
        return engine;
    }

    static RegisteredHost host(String name, HostKind kind) {
        return new RegisteredHost(UUID.nameUUIDFromBytes(name.getBytes()), name, null, kind,
                kind == HostKind.DOCKER ? "unix:///var/run/docker.sock" : "local", null, null, HostPolicy.DENY_ALL);
    }

    static ContainerSummary container(String name) {
        return new ContainerSummary(UUID.nameUUIDFromBytes(name.getBytes()).toString().replace("-", ""), name, "busybox",
                ContainerState.RUNNING, "Up", Instant.parse("2026-11-28T10:00:00Z"), Map.of(), List.of(), List.of(), List.of("lab-net"));
    }

    static Inventory.Snapshot snapshot(List<ContainerSummary> containers, List<SwitchSummary> switches) {
        return new Inventory.Snapshot(containers, List.of(), switches, List.of(), Optional.empty(), Instant.now());
    }
}
