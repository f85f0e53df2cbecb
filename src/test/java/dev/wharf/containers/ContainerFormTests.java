package dev.wharf.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.web.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The create form's text, read line by line as a person types it. */
class ContainerFormTests {

    @Test
    void portsTakeAnOptionalAddressAndProtocol() {
        ContainerForm.Parsed parsed = form("ports", "8080:80\n\n127.0.0.1:5432:5432/tcp\n[::1]:53:53/udp\n").request();

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.request().ports()).containsExactly(new ContainerRequests.Port(null, 8080, 80, null),
                new ContainerRequests.Port("127.0.0.1", 5432, 5432, "tcp"), new ContainerRequests.Port("::1", 53, 53, "udp"));
    }

    @Test
    void aLineThatIsNoPortIsNamedByItsNumber() {
        assertThat(form("ports", "8080:80\n80").request().errors())
                .containsEntry("ports", "line 2: must be [hostIp:]hostPort:containerPort[/tcp|udp|sctp], such as 8080:80 or 127.0.0.1:5432:5432/tcp");
    }

    @Test
    void mountsAreVolumesOrBindsAndWindowsPathsKeepTheirDrive() {
        ContainerForm.Parsed parsed = form("mounts", "volume:data:/data\nbind:/srv/www:/usr/share/www:ro\nbind:C:\\data:C:\\app").request();

        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.request().mounts()).containsExactly(new ContainerRequests.Mount("volume", "data", "/data", false),
                new ContainerRequests.Mount("bind", "/srv/www", "/usr/share/www", true),
                new ContainerRequests.Mount("bind", "C:\\data", "C:\\app", false));
    }

    @Test
    void aMountWithoutAnAbsoluteTargetIsRefused() {
        assertThat(form("mounts", "volume:data:data").request().errors()).containsKey("mounts");
        assertThat(form("mounts", "tmpfs:/x:/y").request().errors()).containsKey("mounts");
    }

    @Test
    void pairsKeepEverythingAfterTheFirstEqualsAndRefuseATwin() {
        assertThat(form("env", "URL=postgres://db/x?a=b\nEMPTY=").request().request().env())
                .containsExactlyInAnyOrderEntriesOf(Map.of("URL", "postgres://db/x?a=b", "EMPTY", ""));
        assertThat(form("labels", "a=1\na=2").request().errors()).containsEntry("labels", "line 2: a is given twice");
        assertThat(form("env", "=x").request().errors()).containsEntry("env", "line 1: must be KEY=VALUE");
    }

    @Test
    void aCommandIsSplitAsAShellWouldWithoutExpandingAnything() {
        assertThat(Words.split("sh -c 'echo $HOME; sleep 1' \"a \\\"b\\\"\" c\\ d")).containsExactly("sh", "-c", "echo $HOME; sleep 1",
                "a \"b\"", "c d");
        assertThat(Words.split("  ")).isEmpty();
        assertThat(Words.split("echo ''")).containsExactly("echo", "");
        assertThatThrownBy(() -> Words.split("echo 'open")).isInstanceOf(InvalidInputException.class)
                .hasMessage("command: has a single quote that is not closed");
    }

    @Test
    void memoryIsWholeMebibytesAndCpusADecimal() {
        ContainerForm.Parsed parsed = new ContainerForm("busybox", "", "", "", "", "", "", "no", "", "256", "1.5", null, null, "", "",
                null, null).request();
        assertThat(parsed.request().memoryBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(parsed.request().cpus()).isEqualTo(1.5);
        assertThat(new ContainerForm("busybox", "", "", "", "", "", "", "no", "", "1.5G", "two", null, null, "", "", null, null)
                .request().errors()).containsOnlyKeys("memory", "cpus");
    }

    @Test
    void theDangerousBoxesBecomeTheApisSettings() {
        ContainerRequests.Create body = new ContainerForm("busybox", "", "", "", "", "", "", "no", "host", "", "", true, true,
                "net_admin, SYS_TIME", "/dev/fuse\n", true, true).request().request();

        assertThat(body.privileged()).isTrue();
        assertThat(body.capAdd()).containsExactly("NET_ADMIN", "SYS_TIME");
        assertThat(body.devices()).containsExactly("/dev/fuse");
        assertThat(body.pidMode()).isEqualTo("host");
        assertThat(body.ipcMode()).isEqualTo("host");
        assertThat(body.network()).isEqualTo("host");
    }

    @Test
    void aRefusalOfTheBodyIsShownAtItsFormField() {
        assertThat(ContainerForm.formField("mounts[1].source")).isEqualTo("mounts");
        assertThat(ContainerForm.linePrefix("mounts[1].source")).isEqualTo("line 2: ");
        assertThat(ContainerForm.formField("memoryBytes")).isEqualTo("memory");
        assertThat(ContainerForm.formField("pidMode")).isEqualTo("hostPid");
        assertThat(ContainerForm.formField("capAdd")).isEqualTo("capAdd");
        assertThat(ContainerForm.linePrefix("capAdd")).isEmpty();
    }

    private static ContainerForm form(String field, String text) {
        return new ContainerForm("busybox", "", "", field.equals("env") ? text : "", field.equals("labels") ? text : "",
                field.equals("ports") ? text : "", field.equals("mounts") ? text : "", "no", "", "", "", true, false, "", "", false, false);
    }
}
