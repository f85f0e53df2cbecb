package dev.wharf.switches;

import dev.wharf.access.Permission;
import dev.wharf.engine.SwitchSpec;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.HostActions;
import dev.wharf.hosts.VisibleHosts;
import dev.wharf.live.Inventory;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Every change to a switch, for the API and the pages alike: the same checks, the same audit entries
 * ({@code switch.create}, {@code switch.delete}, {@code switch.connect}, {@code switch.disconnect}), and the
 * inventory read again afterwards so lists show the change before the engine's event arrives.
 */
@Component
class SwitchChanges {

    private final HostActions actions;
    private final VisibleHosts hosts;
    private final Inventory inventory;

    SwitchChanges(HostActions actions, VisibleHosts hosts, Inventory inventory) {
        this.actions = actions;
        this.hosts = hosts;
        this.inventory = inventory;
    }

    SwitchSummary create(Authentication caller, UUID hostId, SwitchSpec spec) {
        SwitchSummary created = actions.change(caller, hostId, Permission.SWITCH_MANAGE, "switch.create", spec.name(),
                engine -> engine.switches().inspect(engine.switches().create(spec)));
        inventory.refreshSwitches(hostId);
        return created;
    }

    void remove(Authentication caller, UUID hostId, String switchId) {
        actions.change(caller, hostId, Permission.SWITCH_MANAGE, "switch.delete", switchId, engine -> {
            engine.switches().remove(switchId);
            return null;
        });
        inventory.refreshSwitches(hostId);
    }

    void connect(Authentication caller, UUID hostId, String switchId, String containerId) {
        requireContainersVisible(caller, hostId);
        actions.change(caller, hostId, Permission.SWITCH_MANAGE, "switch.connect", switchId + " " + containerId, engine -> {
            engine.switches().connect(switchId, containerId);
            return null;
        });
        refreshBoth(hostId, containerId);
    }

    void disconnect(Authentication caller, UUID hostId, String switchId, String containerId) {
        requireContainersVisible(caller, hostId);
        actions.change(caller, hostId, Permission.SWITCH_MANAGE, "switch.disconnect", switchId + " " + containerId, engine -> {
            engine.switches().disconnect(switchId, containerId);
            return null;
        });
        refreshBoth(hostId, containerId);
    }

    /**
     * Plugging a container in or out changes the container too: who may manage switches but not see the
     * host's containers could otherwise reach them through a switch. Checked (and a refusal audited) first.
     */
    private void requireContainersVisible(Authentication caller, UUID hostId) {
        hosts.require(caller, hostId, Permission.SWITCH_MANAGE);
        hosts.require(caller, hostId, Permission.CONTAINER_READ);
    }

    private void refreshBoth(UUID hostId, String containerId) {
        inventory.refreshSwitches(hostId);
        inventory.refreshContainer(hostId, containerId);
    }
}
