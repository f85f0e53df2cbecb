package dev.wharf.engine;

import java.util.List;

/** The virtual switches of one host: Docker networks, or HCN networks on an HCS host. */
public interface Switches {

    List<SwitchSummary> list();

    SwitchSummary inspect(String switchId);

    /** Creates a switch; returns its id. */
    String create(SwitchSpec spec);

    void remove(String switchId);

    void connect(String switchId, String containerId);

    void disconnect(String switchId, String containerId);

    /**
     * The types a new switch may have on this host (Docker's network drivers, HCN's network types), the usual
     * one first: what a create form offers. A kind that cannot tell offers its usual one alone.
     */
    default List<String> types() {
        return List.of("bridge");
    }
}
