package dev.wharf.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.wharf.access.AccessPages;
import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.HostInfo;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostPolicy;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.HostCounts;
import dev.wharf.live.HostFacts;
import dev.wharf.live.LiveEvent;
import dev.wharf.live.LiveEvents;
import dev.wharf.web.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The dashboard as each built-in role sees it, whole and as htmx fragments, with the services behind it
 * mocked. The console's own security configuration lives in the access module with collaborators of its own
 * (tokens, throttles, the audit trail), so this slice runs under Spring Boot's default chain (signed in or
 * sent away) and asks a mocked {@link AccessPolicy} that answers as the role would; the real chain, the
 * real grants and the real engines are {@link DashboardTests}' business.
 */
@WebMvcTest(controllers = DashboardController.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.wharf\\.access\\..*"))
@Import(HostCards.class)
class DashboardControllerTests {

    static final List<Role> BUILT_IN = Role.BUILT_IN;

    static final RegisteredHost DOCKER1 = host("docker1", HostKind.DOCKER, "lab");
    static final RegisteredHost WINDOWS1 = host("windows1", HostKind.HCS, null);

    @Autowired
    MockMvc mvc;

    @MockitoBean
    VisibleHosts hosts;
    @MockitoBean
    AccessPolicy access;
    @MockitoBean
    LiveEvents events;
    @MockitoBean
    HostStatuses statuses;
    @MockitoBean(name = "hostFacts")
    HostFacts facts;
    @MockitoBean(name = "hostCounts")
    HostCounts counts;
    /** The layout asks it whether to offer the Access pages; none here. */
    @MockitoBean(name = "accessPages")
    AccessPages accessPages;

    @BeforeEach
    void twoHosts() {
        when(hosts.all(any())).thenReturn(List.of(DOCKER1, WINDOWS1));
        when(statuses.of(DOCKER1.id())).thenReturn(new HostStatuses.Status("up", null));
        when(statuses.of(WINDOWS1.id())).thenReturn(new HostStatuses.Status("down", "Host 'windows1' did not answer within 2 s"));
        when(facts.of(DOCKER1.id())).thenReturn(Optional.of(new HostFacts.Facts(info("Debian GNU/Linux 12 (bookworm)", Map.of()),
                Instant.parse("2026-11-28T10:00:00Z"))));
        when(facts.of(WINDOWS1.id())).thenReturn(Optional.of(new HostFacts.Facts(info("Windows Server 2022 Datacenter",
                Map.of("vmcompute", "running", "hns", "running", "docker", "stopped", "containerd", "not installed")),
                Instant.parse("2026-11-28T09:00:00Z"))));
        when(counts.of(DOCKER1.id())).thenReturn(new HostCounts.Counts(2, 6, 12, 3, 1, 1, 3));
        when(counts.of(WINDOWS1.id())).thenReturn(new HostCounts.Counts(4, 4, null, 2, null, 0, 0));
        when(events.latest(any(), anyInt())).thenReturn(List.of(
                event(42, "container", DOCKER1, "web", "die", Map.of("state", "exited")),
                event(41, "host", WINDOWS1, "windows1", "down", Map.of())));
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void everyRoleSeesEachHostsCardWithStatusFactsCountsAndTheLatestEvents(Role role) throws Exception {
        String page = page(as(role, get("/")));

        assertThat(page).contains("<nav", "id=\"live\"", "id=\"card-" + DOCKER1.id() + "\"", "id=\"card-" + WINDOWS1.id() + "\"");
        assertThat(card(page, DOCKER1)).contains("docker1", "group lab", "status-up", "Debian GNU/Linux 12 (bookworm)", "28.3.2",
                "15.6 GiB", "data-running=\"2\"", "data-paused=\"1\"", "data-stopped=\"3\"", "2 running · 1 paused · 3 stopped",
                "data-images=\"12\"");
        assertThat(card(page, WINDOWS1)).contains("status-down", "did not answer within 2 s", "vmcompute", "containerd",
                "not installed", "service-other").doesNotContain("count-images");
        assertThat(page).contains("data-total=\"up\">1<", "data-total=\"down\">1<", "data-total=\"running\">6<",
                "data-total=\"paused\">1<", "data-total=\"stopped\">3<", "data-total=\"images\">12<");
        assertThat(page).contains("id=\"ev-42\"", "web", "die", "state-exited", "id=\"ev-41\"");
        assertThat(page.indexOf("id=\"ev-42\"")).isLessThan(page.indexOf("id=\"ev-41\""));
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void onlyWhoMayRegisterHostsIsOfferedTo(Role role) throws Exception {
        String page = page(as(role, get("/")));

        boolean mayRegister = role.permissions().contains(Permission.HOST_MANAGE);
        assertThat(page.contains("href=\"/hosts/new\"")).as(role.name()).isEqualTo(mayRegister);
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void anHtmxRequestGetsTheContentOnly(Role role) throws Exception {
        String content = page(as(role, get("/").header("HX-Request", "true")));

        assertThat(content.strip()).startsWith("<div id=\"content\">");
        assertThat(content).doesNotContain("<html", "<nav", "id=\"live\"").contains("id=\"card-" + DOCKER1.id() + "\"",
                "id=\"fleet-totals\"", "id=\"latest-events\"");
    }

    @ParameterizedTest
    @FieldSource("BUILT_IN")
    void aCardAloneIsWhatTheLiveStreamMakesThePageFetch(Role role) throws Exception {
        String card = page(as(role, get("/hosts/" + DOCKER1.id() + "/card").header("HX-Request", "true")));

        assertThat(card.strip()).startsWith("<article id=\"card-" + DOCKER1.id() + "\"");
        assertThat(card).contains("28.3.2", "data-running=\"2\"", "id=\"card-" + DOCKER1.id() + "-sync\"").doesNotContain("<html");
        assertThat(mvc.perform(as(role, get("/hosts/" + DOCKER1.id() + "/card"))).andReturn().getResponse().getRedirectedUrl())
                .as("a browser asking by address gets the dashboard").isEqualTo("/");
    }

    @Test
    void countsAreShownOnlyWhereTheViewerMayReadWhatTheyCount() throws Exception {
        Role hostsOnly = new Role("hosts-only", "reads hosts", Set.of(Permission.HOST_READ), false);

        String page = page(as(hostsOnly, get("/")));

        assertThat(card(page, DOCKER1)).contains("28.3.2").doesNotContain("count-containers", "count-images");
        assertThat(page).doesNotContain("data-total=\"running\"", "data-total=\"images\"");
    }

    @Test
    void aHostNobodyMaySeeIsNotThereAndItsCardIsNotFound() throws Exception {
        UUID hidden = UUID.randomUUID();
        as(Role.VIEWER, get("/"));
        when(hosts.require(any(), eq(hidden), any())).thenThrow(new NotFoundException("No host " + hidden));

        int status = mvc.perform(as(Role.VIEWER, get("/hosts/" + hidden + "/card").header("HX-Request", "true")))
                .andReturn().getResponse().getStatus();

        assertThat(status).isEqualTo(404);
    }

    @Test
    void engineStringsAreTextNeverMarkup() throws Exception {
        when(facts.of(DOCKER1.id())).thenReturn(Optional.of(new HostFacts.Facts(info("<script>alert('os')</script>",
                Map.of()), Instant.parse("2026-11-28T10:00:00Z"))));
        when(statuses.of(DOCKER1.id())).thenReturn(new HostStatuses.Status("down", "<img src=x onerror=alert(1)>"));

        String page = page(as(Role.ADMIN, get("/")));

        assertThat(page).doesNotContain("<script>alert", "<img src=x").contains("&lt;script&gt;alert(&#39;os&#39;)&lt;/script&gt;",
                "&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void withoutHostsTheDashboardSaysWhatToDoNext() throws Exception {
        when(hosts.all(any())).thenReturn(List.of());
        when(events.latest(any(), anyInt())).thenReturn(List.of());

        String asAdmin = page(as(Role.ADMIN, get("/")));
        String asViewer = page(as(Role.VIEWER, get("/")));

        assertThat(asAdmin).contains("No hosts to show yet", "Register a host</a>: a Docker engine", "No events yet");
        assertThat(asViewer).contains("No hosts to show yet", "Ask an administrator").doesNotContain("href=\"/hosts/new\"");
    }

    @Test
    void nobodySignedInIsSentToSignIn() throws Exception {
        MvcResult result = mvc.perform(get("/")).andReturn();

        assertThat(result.getResponse().getStatus()).isIn(302, 401);
        assertThat(result.getResponse().getContentAsString()).doesNotContain("docker1");
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
        for (RegisteredHost host : List.of(DOCKER1, WINDOWS1)) {
            when(hosts.require(any(), eq(host.id()), any())).thenAnswer(call -> {
                if (!role.permissions().contains(call.<Permission>getArgument(2))) {
                    throw new AccessDeniedException("no " + call.<Permission>getArgument(2).key());
                }
                return host;
            });
        }
        return request.with(user("someone-" + role.name()));
    }

    private String page(RequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private static String card(String page, RegisteredHost host) {
        int start = page.indexOf("<article id=\"card-" + host.id() + "\"");
        assertThat(start).as("the card of " + host.name()).isNotNegative();
        return page.substring(start, page.indexOf("</article>", start));
    }

    private static RegisteredHost host(String name, HostKind kind, String group) {
        return new RegisteredHost(UUID.randomUUID(), name, group, kind, kind == HostKind.HCS ? "local" : "unix:///var/run/docker.sock",
                null, null, HostPolicy.DENY_ALL);
    }

    private static HostInfo info(String os, Map<String, String> services) {
        return new HostInfo("28.3.2", "1.51", os, "linux", "x86_64", "6.1.0", 8, 16_750_000_000L,
                Map.of(ContainerState.RUNNING, 2), 12, "overlay2", List.of(), services);
    }

    private static LiveEvent event(long id, String type, RegisteredHost host, String name, String action, Map<String, Object> details) {
        return new LiveEvent(id, type, host.id(), new LiveEvent.Resource(type, "id-" + id, name), action,
                Instant.parse("2026-11-28T10:00:00Z").plusSeconds(id), details);
    }
}
