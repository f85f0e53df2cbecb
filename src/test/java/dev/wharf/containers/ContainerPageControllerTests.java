package dev.wharf.containers;

import static dev.wharf.containers.PageFixtures.DOCKER1;
import static dev.wharf.containers.PageFixtures.HOSTILE;
import static dev.wharf.containers.PageFixtures.WINDOWS;
import static dev.wharf.containers.PageFixtures.idOf;
import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.access.Role;
import dev.wharf.engine.ContainerDetail;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostStatuses;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.HostCounts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
import java.time.Instant;
import java.util.LinkedHashMap;
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

/** One container's page as each built-in role sees it: the facts for all, the actions, log and env for those who hold them. */
@WebMvcTest(controllers = ContainerPagesController.class)
@Import({PageSlice.class, ContainerRights.class, HostContainersSection.class, HostStatuses.class})
class ContainerPageControllerTests {

    static final String SECRET = "s3cret-value";

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

    final ContainerEngine docker = mock(ContainerEngine.class);
    final ContainerEngine hcs = mock(ContainerEngine.class);

    @BeforeEach
    void engines() {
        when(docker.capabilities()).thenReturn(PageFixtures.DOCKER);
        when(hcs.capabilities()).thenReturn(PageFixtures.HCS);
        when(engines.engine(any())).thenAnswer(call -> WINDOWS.id().equals(call.getArgument(0)) ? hcs : docker);
        when(engines.capabilities(any())).thenCallRealMethod();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", "web");
        labels.put("note", HOSTILE);
        ContainerSummary web = new ContainerSummary(idOf("web"), "web", "nginx:1.27", ContainerState.RUNNING, "Up",
                Instant.parse("2026-11-28T10:00:00Z"), labels,
                List.of(new ContainerSummary.PortBinding("0.0.0.0", 8080, 80, "tcp")),
                List.of(new ContainerSummary.Mount("volume", "/var/lib/docker/volumes/data", "/data", true)), List.of("frontend"));
        when(docker.inspect(anyString())).thenReturn(new ContainerDetail(web, List.of("nginx", "-g", "daemon off;"),
                Map.of("API_KEY", SECRET), Instant.parse("2026-11-28T10:00:05Z"), null, null,
                Map.of("restartPolicy", "on-failure:3"), new ContainerDetail.Limits(64L * 1024 * 1024, 1_500_000_000L)));
        ContainerSummary system = new ContainerSummary("3f1c2a9e-0000-4000-8000-00000000abcd", "3f1c2a9e", null,
                ContainerState.RUNNING, "Running", null, Map.of(), List.of(), List.of(), List.of(), Map.of());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("owner", "containerd-shim-runhcs");
        facts.put("systemType", "Container");
        facts.put("isolation", "hyperv");
        facts.put("utilityVm", "3f1c2a9e@vm");
        facts.put("runtimeId", "5d2b0000-0000-0000-0000-000000000042");
        when(hcs.inspect(anyString())).thenReturn(new ContainerDetail(system, List.of(), Map.of(), Instant.parse("2026-11-28T09:00:00Z"),
                null, null, facts));
    }

    static Stream<Role> roles() {
        return Role.BUILT_IN.stream();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void eachRoleSeesTheFactsAndOnlyWhatItMayDo(Role role) throws Exception {
        String page = page(role, DOCKER1, "web");

        assertThat(page).contains("nginx:1.27", "on-failure:3", "64.0 MiB", "1.5 CPUs", "nginx -g &#39;daemon off;&#39;",
                "0.0.0.0:8080 → 80/tcp", "volume /var/lib/docker/volumes/data → /data (read-only)", "frontend",
                "note=&lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain(HOSTILE);
        boolean lifecycle = role.permissions().contains(Permission.CONTAINER_LIFECYCLE);
        assertThat(page.contains("aria-label=\"Stop web\"")).as("stop").isEqualTo(lifecycle);
        assertThat(page.contains("aria-label=\"Remove web…\"")).as("remove").isEqualTo(role.permissions().contains(Permission.CONTAINER_DELETE));
        boolean logs = role.permissions().contains(Permission.CONTAINER_LOGS);
        assertThat(page.contains("/logs/stream")).as("log panel").isEqualTo(logs);
        assertThat(page.contains("/logs/download")).as("download").isEqualTo(logs);
        boolean env = role.permissions().contains(Permission.CONTAINER_INSPECT_ENV);
        assertThat(page.contains(SECRET)).as("env value").isEqualTo(env);
        assertThat(page).contains("&quot;API_KEY&quot; : &quot;" + (env ? SECRET : ContainerViews.MASK) + "&quot;",
                "&quot;envMasked&quot; : " + !env, "&quot;memoryLimitBytes&quot; : 67108864", "&quot;cpuLimit&quot; : 1.5");
    }

    @Test
    void aViewerGetsNoButtonNoLogAndMaskedEnv() throws Exception {
        String page = page(Role.VIEWER, DOCKER1, "web");

        assertThat(page).doesNotContain("<button type=\"submit\" aria-label", "method=\"post\" class=\"act", "Remove…", "/logs/stream",
                "id=\"log\"", SECRET).contains("Environment values are masked");
    }

    @Test
    void lifecycleFormsComeBackToThisPage() throws Exception {
        String page = page(Role.OPERATOR, DOCKER1, "web");

        assertThat(page).contains("name=\"back\" value=\"/hosts/" + DOCKER1.id() + "/containers/" + idOf("web") + "\"",
                "data-state=\"running\"", "data-state-of=\"cs-" + DOCKER1.id() + "-" + idOf("web") + "\"");
    }

    @Test
    void anHcsSystemShowsItsOwnFactsAndSaysWhatHcsDoesNotKnow() throws Exception {
        String page = page(Role.ADMIN, WINDOWS, "3f1c2a9e");

        assertThat(page).contains("Owner", "containerd-shim-runhcs", "System type", "Container", "Isolation", "hyperv",
                "Utility VM", "3f1c2a9e@vm", "Runtime id", "5d2b0000-0000-0000-0000-000000000042", "not known to HCS")
                .doesNotContain("Memory limit", "Restart policy", "/logs/stream", "aria-label=\"Restart 3f1c2a9e\"", "Remove…");
        assertThat(page.split("not known to HCS", -1)).as("image, created, ports, mounts, networks, labels").hasSize(7);
    }

    private String page(Role role, dev.wharf.hosts.RegisteredHost host, String container) throws Exception {
        return mvc.perform(get("/hosts/" + host.id() + "/containers/" + container).with(signedInAs(role, access, hosts, host, DOCKER1)))
                .andReturn().getResponse().getContentAsString();
    }
}
