package dev.wharf.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every engine's virtual switches must do, run against each adapter through its real binding
 * (Docker networks on a real dockerd, HCN networks on the stand-in): one shape, one set of answers.
 */
public abstract class SwitchesContract {

    private final List<String> created = new ArrayList<>();

    protected abstract ContainerEngine engine();

    /** A switch this kind can create here (Docker: an internal bridge; HCN: a NAT network). */
    protected abstract SwitchSpec spec(String name, SwitchSummary.Subnet subnet);

    /** Puts a running container on the switch the way its runtime would; returns the container's id. */
    protected abstract String attachContainer(SwitchSummary created, String ip);

    /** Undoes {@link #attachContainer}. */
    protected abstract void detachContainer(String containerId);

    @AfterEach
    void removeWhatTheTestCreated() {
        for (String id : created) {
            try {
                engine().switches().remove(id);
            } catch (EngineException gone) {
                // removed by the test
            }
        }
    }

    @Test
    void aSwitchIsCreatedListedInspectedByIdAndNameAndRemoved() {
        String name = "wharf-contract-" + UUID.randomUUID().toString().substring(0, 8);
        SwitchSummary.Subnet subnet = randomSubnet();

        String id = create(spec(name, subnet));

        SwitchSummary listed = engine().switches().list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        assertThat(listed.name()).isEqualTo(name);
        assertThat(listed.subnets()).containsExactly(subnet);
        assertThat(engine().switches().inspect(name).id()).isEqualTo(id);
        assertThat(engine().switches().inspect(id).type()).isEqualTo(listed.type());

        engine().switches().remove(id);

        assertThat(engine().switches().list()).noneMatch(s -> s.id().equals(id));
        assertThatThrownBy(() -> engine().switches().inspect(id)).isInstanceOf(EngineException.NotFound.class);
    }

    @Test
    void aTakenNameIsAConflict() {
        String name = "wharf-contract-" + UUID.randomUUID().toString().substring(0, 8);
        create(spec(name, randomSubnet()));

        assertThatThrownBy(() -> create(spec(name, randomSubnet()))).isInstanceOf(EngineException.Conflict.class);
    }

    @Test
    void anUnknownSwitchIsNotFound() {
        String missing = "wharf-missing-" + UUID.randomUUID();

        assertThatThrownBy(() -> engine().switches().inspect(missing)).isInstanceOf(EngineException.NotFound.class);
        assertThatThrownBy(() -> engine().switches().remove(missing)).isInstanceOf(EngineException.NotFound.class);
    }

    @Test
    void anAttachedContainerIsShownWithItsAddressAndKeepsTheSwitchInUse() {
        SwitchSummary.Subnet subnet = randomSubnet();
        String id = create(spec("wharf-contract-" + UUID.randomUUID().toString().substring(0, 8), subnet));
        String ip = subnet.subnet().replace(".0/24", ".23");
        String container = attachContainer(engine().switches().inspect(id), ip);
        try {
            SwitchSummary.Attachment attachment = engine().switches().inspect(id).attached().stream()
                    .filter(a -> container.equals(a.containerId())).findFirst().orElseThrow();
            assertThat(attachment.ip()).startsWith(ip);
            assertThat(attachment.mac()).isNotBlank();

            assertThatThrownBy(() -> engine().switches().remove(id)).isInstanceOf(EngineException.Conflict.class);
        } finally {
            detachContainer(container);
        }
    }

    protected String create(SwitchSpec spec) {
        String id = engine().switches().create(spec);
        created.add(id);
        return id;
    }

    /** A /24 in 10.0.0.0/8 that no test is likely to share; the gateway is .1. */
    private static SwitchSummary.Subnet randomSubnet() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String net = "10." + random.nextInt(100, 250) + "." + random.nextInt(1, 250) + ".";
        return new SwitchSummary.Subnet(net + "0/24", net + "1");
    }
}
