package dev.wharf.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.wharf.access.AccessPages;
import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.EngineDriver;
import dev.wharf.engine.EngineTarget;
import dev.wharf.live.HostCounts;
import dev.wharf.live.HostFacts;
import dev.wharf.live.LiveEvents;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The host pages as each built-in role sees them, whole and as htmx fragments: only who may manage hosts is
 * offered Register, Edit, Remove and Test connection, and the server refuses the others all the same. Like
 * {@code DashboardControllerTests}, under Spring Boot's default security chain with a mocked
 * {@link AccessPolicy} answering as the role would ({@link HostPagesTests} runs the real application).
 */
@WebMvcTest(controllers = HostPagesController.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.wharf\\.access\\..*"))
@Import(HostTabs.class)
class HostPagesControllerTests {

    static final List<Role> BUILT_IN = Role.BUILT_IN;

    static final RegisteredHost DOCKER1 = new RegisteredHost(UUID.randomUUID(), "docker1", "lab", HostKind.DOCKER,
            "unix:///var/run/docker.sock", null, null, HostPolicy.DENY_ALL);

    static final EngineTarget STORED = new EngineTarget(DOCKER1.id(), "docker1", "docker", DOCKER1.endpoint(), null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    VisibleHosts hosts;
    @MockitoBean
    AccessPolicy access;
    @MockitoBean
    HostChanges changes;
    @MockitoBean
    HostStatuses statuses;
    @MockitoBean
    HostConnectionChecks checks;
    @MockitoBean
    HostRegistry registry;
    @MockitoBean
    HostEngines engines;
    @MockitoBean
    LiveEvents events;
    @MockitoBean(name = "hostFacts")
    HostFacts facts;
    @MockitoBean(name = "hostCounts")
    HostCounts counts;
    /** The layout asks it whether to offer the Access pages; none here. */
    @MockitoBean(name = "accessPages")
    AccessPages accessPages;

    @BeforeEach
    void oneHost() {
        when(hosts.all(any())).thenReturn(List.of(DOCKER1));
        when(statuses.of(DOCKER1.id())).thenReturn(new HostStatuses.Status("up", null));
        when(registry.target(DOCKER1.id())).thenReturn(STORED);
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void theListOffersRegisteringOnlyToWhoMay(Role role) throws Exception {
        String page = page(as(role, get("/hosts")));

        assertThat(page).contains("<nav", "docker1", "id=\"hs-" + DOCKER1.id() + "\"");
        assertThat(page.contains("href=\"/hosts/new\"")).as(role.name()).isEqualTo(mayManage(role));
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void theHostPageOffersEditAndRemoveOnlyToWhoMay(Role role) throws Exception {
        String page = page(as(role, get("/hosts/" + DOCKER1.id())));

        assertThat(page).contains("docker1", "unix:///var/run/docker.sock", "/hosts/" + DOCKER1.id() + "/containers",
                "id=\"hf-" + DOCKER1.id() + "\"", "not known yet");
        assertThat(page.contains("/hosts/" + DOCKER1.id() + "/edit")).as(role.name()).isEqualTo(mayManage(role));
        assertThat(page.contains("/hosts/" + DOCKER1.id() + "/remove")).as(role.name()).isEqualTo(mayManage(role));
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void htmxRequestsGetThePagesContentOnly(Role role) throws Exception {
        for (String path : List.of("/hosts", "/hosts/" + DOCKER1.id())) {
            String content = page(as(role, get(path).header("HX-Request", "true")));

            assertThat(content.strip()).as(path).startsWith("<div id=\"content\">");
            assertThat(content).as(path).contains("docker1").doesNotContain("<html", "aria-label=\"Main\"", "id=\"live\"");
        }
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void theFormsAndTheirTestAreOnlyForWhoMayRegister(Role role) throws Exception {
        when(checks.test(any())).thenReturn(EngineDriver.ConnectionCheck.ok("28.3.2", "1.51", "Debian GNU/Linux 12"));

        int form = mvc.perform(as(role, get("/hosts/new"))).andReturn().getResponse().getStatus();
        int test = mvc.perform(as(role, post("/hosts/test").with(csrf()).header("HX-Request", "true")
                .param("name", "x").param("kind", "docker").param("endpoint", "unix:///var/run/docker.sock")))
                .andReturn().getResponse().getStatus();
        int edit = mvc.perform(as(role, get("/hosts/" + DOCKER1.id() + "/edit"))).andReturn().getResponse().getStatus();

        int expected = mayManage(role) ? 200 : 403;
        assertThat(List.of(form, test, edit)).as(role.name()).containsOnly(expected);
        if (!mayManage(role)) {
            verify(checks, never()).test(any());
        }
    }

    @Test
    void theFormOffersATestConnectionButtonThatWorksWithAndWithoutScript() throws Exception {
        String form = page(as(Role.HOST_ADMIN, get("/hosts/new")));

        assertThat(form).contains("formaction=\"/hosts/test\"", "hx-post=\"/hosts/test\"", "hx-target=\"#test-result\"",
                "hx-disabled-elt=\"this\"", "hx-encoding=\"multipart/form-data\"", "Connecting to the engine…",
                "id=\"test-result\"");
        assertThat(page(as(Role.HOST_ADMIN, get("/hosts/new").header("HX-Request", "true"))))
                .contains("<form", "hx-post=\"/hosts/test\"", "id=\"test-result\"").doesNotContain("<nav");
    }

    @Test
    void aTestWithHtmxAnswersTheResultAloneAndSavesNothing() throws Exception {
        when(checks.test(any())).thenReturn(EngineDriver.ConnectionCheck.ok("28.3.2", "1.51", "Debian GNU/Linux 12"));

        String result = page(as(Role.ADMIN, multipart("/hosts/test")
                .file(new MockMultipartFile("tlsCaFile", "ca.pem", "application/x-pem-file", "ca".getBytes()))
                .with(csrf()).header("HX-Request", "true")
                .param("name", "docker2").param("kind", "docker").param("endpoint", "tcp://docker2:2376")));

        assertThat(result.strip()).startsWith("<div id=\"test-result\"");
        assertThat(result).contains("Connected", "28.3.2", "1.51", "Debian GNU/Linux 12").doesNotContain("<form", "<html");
        verify(checks).test(Mockito.argThat(request -> request.tls() != null && "ca".equals(request.tls().ca())));
        verify(changes, never()).register(any(), any());
    }

    @Test
    void aFailedTestShowsTheExactErrorAsText() throws Exception {
        when(checks.test(any())).thenReturn(EngineDriver.ConnectionCheck.failed("Cannot connect to <unix:///nope.sock>: refused"));

        String result = page(as(Role.ADMIN, post("/hosts/test").with(csrf()).header("HX-Request", "true")
                .param("name", "x").param("kind", "docker").param("endpoint", "unix:///nope.sock")));

        assertThat(result).contains("Could not connect", "Cannot connect to &lt;unix:///nope.sock&gt;: refused");
    }

    @Test
    void withoutScriptATestShowsTheFormAgainWithTheResultAndWithoutTheKey() throws Exception {
        when(checks.test(any())).thenReturn(EngineDriver.ConnectionCheck.ok("28.3.2", "1.51", null));

        String page = page(as(Role.ADMIN, post("/hosts/test").with(csrf())
                .param("name", "docker2").param("kind", "docker").param("endpoint", "tcp://docker2:2376")
                .param("tlsKey", "-----BEGIN PRIVATE KEY-----\nsecret-key-line\n-----END PRIVATE KEY-----")));

        assertThat(page).contains("<form", "value=\"docker2\"", "Connected", "28.3.2").doesNotContain("secret-key-line");
    }

    @Test
    void testingAnEditTriesTheStoredHostAsSavingWouldAndAsksWhatSavingAsks() throws Exception {
        when(checks.test(any(), any())).thenReturn(EngineDriver.ConnectionCheck.ok("28.3.2", "1.51", null));

        String result = page(as(Role.HOST_ADMIN, post("/hosts/" + DOCKER1.id() + "/test").with(csrf()).header("HX-Request", "true")
                .param("name", "docker1").param("kind", "docker").param("endpoint", DOCKER1.endpoint())));

        assertThat(result).contains("Connected", "28.3.2");
        verify(changes).requireMayConnect(any(), eq(DOCKER1), any());
        verify(checks).test(any(), eq(STORED));
    }

    @Test
    void removingAsksFirstThenRemoves() throws Exception {
        when(changes.remove(any(), eq(DOCKER1))).thenReturn(DOCKER1);

        String confirm = page(as(Role.HOST_ADMIN, get("/hosts/" + DOCKER1.id() + "/remove")));
        MvcResult removed = mvc.perform(as(Role.HOST_ADMIN, post("/hosts/" + DOCKER1.id() + "/remove").with(csrf()))).andReturn();
        int refused = mvc.perform(as(Role.OPERATOR, post("/hosts/" + DOCKER1.id() + "/remove").with(csrf())))
                .andReturn().getResponse().getStatus();

        assertThat(confirm).contains("Remove", "docker1", "containers keep running");
        assertThat(removed.getResponse().getRedirectedUrl()).isEqualTo("/hosts");
        assertThat(refused).isEqualTo(403);
        verify(changes, Mockito.times(1)).remove(any(), any());
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        int status = mvc.perform(as(Role.ADMIN, post("/hosts/test").header("HX-Request", "true")
                .param("name", "x").param("kind", "docker").param("endpoint", "unix:///var/run/docker.sock")))
                .andReturn().getResponse().getStatus();

        assertThat(status).isEqualTo(403);
        verify(checks, never()).test(any());
    }

    private static boolean mayManage(Role role) {
        return role.permissions().contains(Permission.HOST_MANAGE);
    }

    /** Signs the request in and makes the mocked access policy answer as {@code role} held globally would. */
    private <B extends AbstractMockHttpServletRequestBuilder<B>> B as(Role role, B request) {
        Mockito.reset(access);
        when(access.may(any(), any(), any())).thenAnswer(call -> role.permissions().contains(call.getArgument(1)));
        Mockito.doAnswer(call -> {
            if (!role.permissions().contains(call.<Permission>getArgument(1))) {
                throw new AccessDeniedException("no " + call.<Permission>getArgument(1).key());
            }
            return null;
        }).when(access).require(any(), any(), any());
        when(hosts.require(any(), eq(DOCKER1.id()), any())).thenAnswer(call -> {
            if (!role.permissions().contains(call.<Permission>getArgument(2))) {
                throw new AccessDeniedException("no " + call.<Permission>getArgument(2).key());
            }
            return DOCKER1;
        });
        return request.with(user("someone-" + role.name()));
    }

    private String page(RequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }
}
