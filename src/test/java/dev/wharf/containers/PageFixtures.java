package dev.wharf.containers;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import dev.wharf.engine.Capability;
import dev.wharf.engine.ContainerEngine;
import dev.wharf.engine.ContainerState;
import dev.wharf.engine.ContainerSummary;
import dev.wharf.engine.ImageSummary;
import dev.wharf.engine.SwitchSummary;
import dev.wharf.hosts.HostEngines;
import dev.wharf.hosts.HostKind;
import dev.wharf.hosts.HostPolicy;
import dev.wharf.hosts.RegisteredHost;
import dev.wharf.live.Inventory;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Hosts and containers for the page slices: what the inventory would hold, built by hand. */
final class PageFixtures {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final Set<Capability> DOCKER = EnumSet.of(Capability.CONTAINER_CREATE, Capability.CONTAINER_RENAME,
            Capability.CONTAINER_REMOVE, Capability.CONTAINER_RESTART, Capability.LOGS, Capability.IMAGES, Capability.SWITCHES,
            Capability.VOLUMES);
    static final Set<Capability> HCS = EnumSet.of(Capability.SWITCHES, Capability.STOPPED_CONTAINERS_VANISH);

    static final RegisteredHost DOCKER1 = host("docker1", "lab", HostKind.DOCKER);
    static final RegisteredHost DOCKER2 = host("docker2", null, HostKind.DOCKER);
    static final RegisteredHost WINDOWS = host("windows1", null, HostKind.HCS);

    private PageFixtures() {}

    static RegisteredHost host(String name, String group, HostKind kind) {
        return new RegisteredHost(UUID.nameUUIDFromBytes(name.getBytes()), name, group, kind,
                kind == HostKind.DOCKER ? "unix:///var/run/docker.sock" : "local", null, null, HostPolicy.DENY_ALL);
    }

    static RegisteredHost withPolicy(RegisteredHost host, HostPolicy policy) {
        return new RegisteredHost(host.id(), host.name(), host.group(), host.kind(), host.endpoint(), null, null, policy);
    }

    static ContainerSummary container(String name, ContainerState state, String image, Map<String, String> labels, int minutesAgo) {
        return new ContainerSummary(idOf(name), name, image, state, state.apiName(),
                Instant.parse("2026-11-28T10:00:00Z").minusSeconds(60L * minutesAgo), labels, List.of(), List.of(), List.of("none"));
    }

    /** A container id as Docker makes them: 64 hex digits, here from the name. */
    static String idOf(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(name.getBytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Inventory.Snapshot snapshot(List<ContainerSummary> containers, List<String> imageTags, List<String> networks) {
        List<ImageSummary> images = imageTags.stream().map(tag -> new ImageSummary("sha256:" + tag.hashCode(), List.of(tag), 1, null, 0))
                .toList();
        List<SwitchSummary> switches = networks.stream().map(n -> new SwitchSummary(n, n, "bridge", "local", false, List.of(), null,
                List.of(), Map.of())).toList();
        return new Inventory.Snapshot(containers, images, switches, List.of(), Optional.empty(), Instant.now());
    }

    /** Every host's engine answers with its kind's capabilities. */
    static void engines(HostEngines engines) {
        ContainerEngine docker = mock(ContainerEngine.class);
        lenient().when(docker.capabilities()).thenReturn(DOCKER);
        ContainerEngine hcs = mock(ContainerEngine.class);
        lenient().when(hcs.capabilities()).thenReturn(HCS);
        lenient().when(engines.engine(any())).thenAnswer(call -> WINDOWS.id().equals(call.getArgument(0)) ? hcs : docker);
        lenient().when(engines.capabilities(any())).thenCallRealMethod();
    }
}
