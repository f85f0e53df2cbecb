package dev.wharf.containers;

import dev.wharf.engine.ContainerSpec;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.web.EngineNames;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/** Request bodies of the container API. Unknown fields are refused, so no setting slips in under another name. */
final class ContainerRequests {

    static final String NAME = EngineNames.PATTERN;
    static final String NAME_MESSAGE = EngineNames.MESSAGE;

    private ContainerRequests() {}

    record Create(
            @Pattern(regexp = NAME, message = NAME_MESSAGE) @Size(max = 128) String name,
            @NotBlank @Size(max = 512) String image,
            List<@NotNull String> command,
            Map<@NotBlank String, @NotNull String> env,
            Map<@NotBlank String, @NotNull String> labels,
            @Size(max = 256) String network,
            List<@NotNull @Valid Port> ports,
            List<@NotNull @Valid Mount> mounts,
            @Pattern(regexp = "no|always|unless-stopped|on-failure(:[0-9]+)?",
                    message = "must be no, always, unless-stopped or on-failure[:N]") String restartPolicy,
            @Min(value = 6 * 1024 * 1024, message = "must be at least 6 MiB (Docker's minimum)") Long memoryBytes,
            @Positive Double cpus,
            Boolean privileged,
            List<@NotBlank String> capAdd,
            List<@NotBlank String> devices,
            @Size(max = 256) String pidMode,
            @Size(max = 256) String ipcMode) {

        ContainerSpec spec() {
            return new ContainerSpec(name, image, command, env, labels, network,
                    ports == null ? null : ports.stream().map(Port::binding).toList(),
                    mounts == null ? null : mounts.stream().map(Mount::mount).toList(),
                    restartPolicy, memoryBytes, cpus, Boolean.TRUE.equals(privileged), capAdd, devices, pidMode, ipcMode);
        }
    }

    record Port(String hostIp, @Min(1) @Max(65535) Integer hostPort, @NotNull @Min(1) @Max(65535) Integer containerPort,
            @Pattern(regexp = "tcp|udp|sctp", message = "must be tcp, udp or sctp") String protocol) {
        ContainerSummary.PortBinding binding() {
            return new ContainerSummary.PortBinding(hostIp, hostPort, containerPort, protocol == null ? "tcp" : protocol);
        }
    }

    /** Named apart from the engine's {@code ContainerSummary.Mount} that inspect answers, so the API document keeps both. */
    @Schema(name = "MountRequest")
    record Mount(@NotNull @Pattern(regexp = "bind|volume", message = "must be bind or volume") String type,
            @NotBlank String source, @NotBlank String target, Boolean readOnly) {
        ContainerSummary.Mount mount() {
            return new ContainerSummary.Mount(type, source, target, Boolean.TRUE.equals(readOnly));
        }
    }

    record Rename(@NotBlank @Pattern(regexp = NAME, message = NAME_MESSAGE) @Size(max = 128) String name) {}
}
