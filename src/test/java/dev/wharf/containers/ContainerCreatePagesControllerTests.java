package dev.wharf.containers;

import static dev.wharf.containers.PageFixtures.DOCKER1;
import static dev.wharf.containers.PageFixtures.WINDOWS;
import static dev.wharf.containers.PageFixtures.snapshot;
import static dev.wharf.testing.PageSlice.signedInAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Role;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostPolicy;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import dev.wharf.live.LiveEvents;
import dev.wharf.testing.PageSlice;
import dev.wharf.web.ForbiddenInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The create form: what the host's policy offers, every refusal next to its field, and what is sent on. */
@WebMvcTest(controllers = ContainerCreatePagesController.class)
@Import({PageSlice.class, ContainerRights.class})
class ContainerCreatePagesControllerTests {

    static final String NEW = "/hosts/" + DOCKER1.id() + "/containers/new";
    static final String CREATE = "/hosts/" + DOCKER1.id() + "/containers";

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
    void aDockerHostWithImagesAndNetworks() {
        PageFixtures.engines(engines);
        when(inventory.all()).thenReturn(Map.of(DOCKER1.id(),
                snapshot(List.<ContainerSummary>of(), List.of("busybox:1.37", "nginx:1.27"), List.of("bridge", "none"))));
    }

    @Test
    void theFormSuggestsTheHostsImagesAndNetworksAndSaysWhyEachDangerousSettingIsOff() throws Exception {
        String page = mvc.perform(get(NEW).with(signedInAs(Role.HOST_ADMIN, access, hosts, DOCKER1))).andReturn().getResponse()
                .getContentAsString().replaceAll("\\s+", " ");

        assertThat(page).contains("<option value=\"busybox:1.37\">", "<option value=\"none\">", "name=\"_csrf\"",
                "This host's policy does not allow privileged containers; someone with host.manage globally can open it.",
                "This host's policy does not allow adding capabilities", "does not allow host namespaces",
                "Bind mounts of host paths are not");
        assertThat(page).containsPattern("name=\"privileged\" value=\"true\"[^>]*disabled")
                .containsPattern("name=\"start\" value=\"true\" checked");
    }

    @Test
    void whatTheHostsPolicyAllowsIsOffered() throws Exception {
        RegisteredHost open = PageFixtures.withPolicy(DOCKER1, new HostPolicy(true, List.of("/srv"), List.of("NET_ADMIN"), true, true));

        String page = mvc.perform(get(NEW).with(signedInAs(Role.ADMIN, access, hosts, open))).andReturn().getResponse()
                .getContentAsString().replaceAll("\\s+", " ");

        assertThat(page).doesNotContainPattern("name=\"privileged\" value=\"true\"[^>]*disabled")
                .doesNotContain("does not allow privileged").contains("allowed under", "/srv", "Allowed here:", "NET_ADMIN");
    }

    @Test
    void anOperatorMayNotCreate() throws Exception {
        assertThat(mvc.perform(get(NEW).with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(form(CREATE).param("image", "busybox:1.37").with(signedInAs(Role.OPERATOR, access, hosts, DOCKER1)))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        verify(changes, never()).create(any(), any(), any());
    }

    @Test
    void anHcsHostSaysWhyItCannotCreate() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/hosts/" + WINDOWS.id() + "/containers/new")
                .with(signedInAs(Role.ADMIN, access, hosts, WINDOWS))).andReturn().getResponse();

        assertThat(response.getContentAsString()).contains("This host cannot create containers", "register that engine as a")
                .doesNotContain("Create container");
    }

    @Test
    void everyReasonIsShownNextToItsFieldWithWhatWasTypedKept() throws Exception {
        MockHttpServletResponse response = mvc.perform(form(CREATE).param("image", "busybox:1.37").param("name", "bad name")
                .param("env", "A=1\nnot a pair").param("ports", "8080:80\n99999:80").param("memory", "3")
                .with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString())
                .contains("id=\"env-error\">line 2: must be KEY=VALUE", "id=\"ports-error\">line 2: hostPort must be less than or equal to 65535",
                        "id=\"memory-error\">must be at least 6 MiB", "id=\"name-error\">must start with a letter or digit")
                .contains("value=\"bad name\"", "A=1\nnot a pair</textarea>");
        verify(changes, never()).create(any(), any(), any());
    }

    @Test
    void aSettingThePolicyRefusesComesBackNextToItsField() throws Exception {
        when(changes.create(any(), any(), any())).thenThrow(new ForbiddenInputException("mounts[1].source",
                "binding host path '/etc' into a container is refused on host 'docker1' unless the host's policy allows it (allowHostMounts)"));

        MockHttpServletResponse response = mvc.perform(form(CREATE).param("image", "busybox:1.37")
                .param("mounts", "volume:data:/data\nbind:/etc:/host-etc:ro").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1)))
                .andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).contains("id=\"mounts-error\">line 2: binding host path &#39;/etc&#39;")
                .contains("bind:/etc:/host-etc:ro</textarea>");
    }

    @Test
    void aContainerIsCreatedFromWhatWasTypedStartedAndShown() throws Exception {
        when(changes.create(any(), eq(DOCKER1.id()), any())).thenReturn("c0ffee");

        MockHttpServletResponse response = mvc.perform(form(CREATE).param("image", " busybox:1.37 ").param("name", "web")
                .param("command", "sh -c 'echo \"hi there\"; sleep 60'").param("env", "A=1\nB=x=y").param("labels", "team=core")
                .param("ports", "127.0.0.1:8080:80/tcp\n[::1]:53:53/udp").param("mounts", "volume:data:/data:ro")
                .param("restartPolicy", "unless-stopped").param("network", "none").param("memory", "64").param("cpus", "0.5")
                .param("start", "true").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1))).andReturn().getResponse();

        assertThat(response.getRedirectedUrl()).isEqualTo("/hosts/" + DOCKER1.id() + "/containers/c0ffee");
        ArgumentCaptor<ContainerRequests.Create> sent = ArgumentCaptor.forClass(ContainerRequests.Create.class);
        verify(changes).create(any(), eq(DOCKER1.id()), sent.capture());
        ContainerRequests.Create body = sent.getValue();
        assertThat(body.image()).isEqualTo("busybox:1.37");
        assertThat(body.command()).containsExactly("sh", "-c", "echo \"hi there\"; sleep 60");
        assertThat(body.env()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "x=y"));
        assertThat(body.labels()).containsExactlyEntriesOf(Map.of("team", "core"));
        assertThat(body.ports()).containsExactly(new ContainerRequests.Port("127.0.0.1", 8080, 80, "tcp"),
                new ContainerRequests.Port("::1", 53, 53, "udp"));
        assertThat(body.mounts()).containsExactly(new ContainerRequests.Mount("volume", "data", "/data", true));
        assertThat(body.restartPolicy()).isEqualTo("unless-stopped");
        assertThat(body.memoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(body.cpus()).isEqualTo(0.5);
        assertThat(body.privileged()).isFalse();
        verify(changes).run(any(), eq(DOCKER1.id()), eq("c0ffee"), eq(ContainerAction.START), any(), any());
    }

    @Test
    void anUntickedStartLeavesItCreated() throws Exception {
        when(changes.create(any(), eq(DOCKER1.id()), any())).thenReturn("c0ffee");

        mvc.perform(form(CREATE).param("image", "busybox:1.37").with(signedInAs(Role.ADMIN, access, hosts, DOCKER1)));

        verify(changes, never()).run(any(), any(), any(), any(), any(), any());
    }

    private static MockHttpServletRequestBuilder form(String path) {
        return post(path).with(csrf()).contentType("application/x-www-form-urlencoded");
    }
}
