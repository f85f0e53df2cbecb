package dev.wharf.engine;

import java.util.List;
import java.util.Map;

/**
 * A switch to create.
 *
 * @param type the Docker driver ({@code bridge}, {@code macvlan}, {@code nat}...) or the HCN network type
 * @param adapter the host adapter to bind to, if the type uses one
 */
public record SwitchSpec(String name, String type, List<SwitchSummary.Subnet> subnets, boolean internal, String adapter,
        Map<String, String> options) {

    public SwitchSpec {
        subnets = subnets == null ? List.of() : List.copyOf(subnets);
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
