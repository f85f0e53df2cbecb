package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.Permission;
import dev.wharf.engine.Capability;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The tabs every page of one host shows (the host, its containers, images, switches, volumes), asked by
 * the templates as {@code @hostTabs}: a tab appears only when the viewer may read what it leads to and the
 * host's kind has it, so an hcs host offers no images or volumes. The pages behind them check again.
 */
@Component("hostTabs")
public class HostTabs {

    /** @param key what the page passes as its own tab, to mark it current */
    public record Tab(String key, String label, String path) {}

    private final AccessPolicy access;
    private final HostEngines engines;

    HostTabs(AccessPolicy access, HostEngines engines) {
        this.access = access;
        this.engines = engines;
    }

    public List<Tab> of(RegisteredHost host) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Set<Capability> can = engines.capabilities(host.id());
        String base = "/hosts/" + host.id();
        List<Tab> tabs = new ArrayList<>();
        tabs.add(new Tab("host", "Overview", base));
        add(tabs, caller, host, Permission.CONTAINER_READ, true, new Tab("containers", "Containers", base + "/containers"));
        add(tabs, caller, host, Permission.IMAGE_READ, can.contains(Capability.IMAGES), new Tab("images", "Images", base + "/images"));
        add(tabs, caller, host, Permission.SWITCH_READ, can.contains(Capability.SWITCHES),
                new Tab("switches", "Virtual switches", base + "/switches"));
        add(tabs, caller, host, Permission.VOLUME_READ, can.contains(Capability.VOLUMES), new Tab("volumes", "Volumes", base + "/volumes"));
        return tabs;
    }

    private void add(List<Tab> tabs, Authentication caller, RegisteredHost host, Permission needed, boolean kindHasIt, Tab tab) {
        if (kindHasIt && caller != null && access.may(caller, needed, host.scope())) {
            tabs.add(tab);
        }
    }
}
