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
}
