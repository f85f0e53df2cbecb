package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PermissionTests {

    @Test
    void keysAreTheNamesTheApiUses() {
        assertThat(Arrays.stream(Permission.values()).map(Permission::key)).containsExactly(
                "host.read", "host.manage",
                "container.read", "container.logs", "container.inspect-env", "container.lifecycle",
                "container.create", "container.delete", "container.exec",
                "image.read", "image.pull", "image.delete",
                "switch.read", "switch.manage",
                "volume.read", "volume.manage",
                "audit.read",
                "team.manage", "user.manage", "role.manage");
    }
}
