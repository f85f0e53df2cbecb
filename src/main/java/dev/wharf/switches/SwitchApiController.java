package dev.wharf.switches;

import dev.wharf.access.Permission;
import dev.wharf.access.Requires;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.HostActions;
import dev.wharf.live.Inventory;
import dev.wharf.web.EngineNames;
import dev.wharf.web.PageOf;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /api/v1/hosts/{hostId}/switches}: one shape for Docker networks and HCN networks. {@code switchId} may be a name. */
@RestController
@RequestMapping("/api/v1/hosts/{hostId}/switches")
class SwitchApiController {

    /** Where a Windows dockerd names the HNS network behind a Docker network. */
    static final String HNS_ID = "com.docker.network.windowsshim.hnsid";
    static final String HNS_NAME = "com.docker.network.windowsshim.networkname";
    private static final JsonMapper POLICY_JSON = JsonMapper.builder().build();

    private final HostActions actions;
    private final Inventory inventory;
    private final SwitchChanges changes;

    SwitchApiController(HostActions actions, Inventory inventory, SwitchChanges changes) {
        this.actions = actions;
        this.inventory = inventory;
        this.changes = changes;
    }

    /** Named apart from the engine's {@code SwitchSummary.Subnet} that answers carry, so the API document keeps both. */
    @Schema(name = "SubnetRequest")
    record Subnet(@NotBlank @Pattern(regexp = "[0-9a-fA-F:.]+/[0-9]{1,3}", message = "must be a CIDR such as 10.10.0.0/24") String subnet,
            @Pattern(regexp = "[0-9a-fA-F:.]+", message = "must be an IP address") String gateway) {}

    record CreateSwitch(@NotBlank @Size(max = 128) @Pattern(regexp = EngineNames.PATTERN, message = EngineNames.MESSAGE) String name,
            @Size(max = 64) String type, List<@NotNull @Valid Subnet> subnets, Boolean internal, @Size(max = 256) String adapter,
            Map<@NotBlank String, @NotNull String> options) {

        SwitchSpec spec() {
            return new SwitchSpec(name, type, subnets == null ? null
                    : subnets.stream().map(s -> new SwitchSummary.Subnet(s.subnet(), s.gateway())).toList(),
                    Boolean.TRUE.equals(internal), adapter, options);
        }
    }

    record Attach(@NotBlank @Size(max = 256) String containerId) {}

    /**
     * A switch as the API shows it; {@code hnsId}/{@code hnsName} only for Docker networks on Windows,
     * {@code flags} and {@code policies} only for HCN networks.
     */
    record SwitchView(String id, String name, String type, String scope, boolean internal, List<SwitchSummary.Subnet> subnets,
            String adapter, List<SwitchSummary.Attachment> attached, String hnsId, String hnsName, List<String> flags,
            List<PolicyView> policies) {
        static SwitchView of(SwitchSummary s) {
            return new SwitchView(s.id(), s.name(), s.type(), s.scope(), s.internal(), s.subnets(), s.adapter(), s.attached(),
                    s.options().get(HNS_ID), s.options().get(HNS_NAME), s.flags(),
                    s.policies().stream().map(PolicyView::of).toList());
        }
    }

    /** An HCN policy; its settings are HCN's own JSON object, passed through as data. */
    record PolicyView(String type, JsonNode settings) {
        static PolicyView of(SwitchSummary.Policy policy) {
            return new PolicyView(policy.type(), policy.settings() == null ? null : POLICY_JSON.readTree(policy.settings()));
        }
    }

    @Requires(Permission.SWITCH_READ)
    @GetMapping
    PageOf<SwitchView> list(@PathVariable UUID hostId, @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size, Authentication caller) {
        List<SwitchView> switches = actions.read(caller, hostId, Permission.SWITCH_READ, engine -> {
            engine.switches(); // a kind without switches answers 501
            return inventory.of(hostId, true).switches();
        }).stream().map(SwitchView::of).toList();
        return PageOf.slice(switches, page, size);
    }

    @Requires(Permission.SWITCH_READ)
    @GetMapping("/{switchId}")
    SwitchView inspect(@PathVariable UUID hostId, @PathVariable String switchId, Authentication caller) {
        return SwitchView.of(actions.read(caller, hostId, Permission.SWITCH_READ, engine -> engine.switches().inspect(switchId)));
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping
    ResponseEntity<SwitchView> create(@PathVariable UUID hostId, @RequestBody @Valid CreateSwitch body, Authentication caller) {
        SwitchSpec spec = body.spec();
        SwitchSummary created = changes.create(caller, hostId, spec);
        return ResponseEntity.created(URI.create("/api/v1/hosts/" + hostId + "/switches/" + created.id()))
                .body(SwitchView.of(created));
    }

    @Requires(Permission.SWITCH_MANAGE)
    @DeleteMapping("/{switchId}")
    ResponseEntity<Void> remove(@PathVariable UUID hostId, @PathVariable String switchId, Authentication caller) {
        changes.remove(caller, hostId, switchId);
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping("/{switchId}/connect")
    ResponseEntity<Void> connect(@PathVariable UUID hostId, @PathVariable String switchId, @RequestBody @Valid Attach body,
            Authentication caller) {
        changes.connect(caller, hostId, switchId, body.containerId());
        return ResponseEntity.noContent().build();
    }

    @Requires(Permission.SWITCH_MANAGE)
    @PostMapping("/{switchId}/disconnect")
    ResponseEntity<Void> disconnect(@PathVariable UUID hostId, @PathVariable String switchId, @RequestBody @Valid Attach body,
            Authentication caller) {
        changes.disconnect(caller, hostId, switchId, body.containerId());
        return ResponseEntity.noContent().build();
    }
}
