package dev.wharf.access;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Changes as strong as root or admin need as much: opening a host's policy needs host.manage globally,
 * turning an account on or off needs everything that account holds, and the last global admin stays.
 */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=strong")
class StrongChangesTests {

    @LocalServerPort
    int port;

    @Test
    void aHostScopedHostAdminMayCloseTheHostsPolicyButNotOpenIt() {
        ApiSession admin = new ApiSession(port, "strong");
        AccessFixtures fixtures = new AccessFixtures(port, admin);
        String host = fixtures.host("strong-" + AccessFixtures.suffix(), null, TestEngines.unix());
        try {
            Person hostAdmin = fixtures.userWith("strong-ha", "host-admin", "host", host);
            String policy = "/api/v1/hosts/" + host + "/policy";

            ApiSession.problem(hostAdmin.api().put(policy, Map.of("allowPrivileged", true)), 403, "forbidden");
            assertThat(json(admin.get("/api/v1/hosts/" + host)).path("policy").path("allowPrivileged").asBoolean()).isFalse();

            assertThat(admin.put(policy, Map.of("allowDevices", true, "allowPrivileged", true)).statusCode()).isEqualTo(200);
            assertThat(hostAdmin.api().put(policy, Map.of("allowDevices", true)).statusCode()).as("closing one").isEqualTo(200);
            assertThat(json(admin.get("/api/v1/hosts/" + host)).path("policy").path("allowPrivileged").asBoolean()).isFalse();
        } finally {
            admin.delete("/api/v1/hosts/" + host);
        }
    }

    @Test
    void turningAnAccountOnOrOffNeedsEverythingItHolds() {
        ApiSession admin = new ApiSession(port, "strong");
        AccessFixtures fixtures = new AccessFixtures(port, admin);
        Person otherAdmin = fixtures.userWith("strong-admin", "admin", "global", null);
        String userManager = fixtures.role("users-only", List.of("user.manage"));
        Person manager = fixtures.userWith("strong-um", userManager, "global", null);
        Person viewer = fixtures.userWith("strong-v", "viewer", "global", null);

        ApiSession.problem(manager.api().post("/api/v1/users/" + otherAdmin.id() + "/disable", Map.of()), 403, "forbidden");
        assertThat(admin.post("/api/v1/users/" + otherAdmin.id() + "/disable", Map.of()).statusCode()).isEqualTo(204);
        ApiSession.problem(manager.api().post("/api/v1/users/" + otherAdmin.id() + "/enable", Map.of()), 403, "forbidden");
        assertThat(json(admin.get("/api/v1/users/" + otherAdmin.id())).path("enabled").asBoolean()).as("still off").isFalse();

        // a viewer holds reads this manager does not
        ApiSession.problem(manager.api().post("/api/v1/users/" + viewer.id() + "/disable", Map.of()), 403, "forbidden");
    }

    @Test
    void theLastEnabledGlobalAdminCannotBeDisabledDeletedOrUnbound() {
        ApiSession admin = new ApiSession(port, "strong");
        AccessFixtures fixtures = new AccessFixtures(port, admin);
        Person second = fixtures.userWith("strong-last", "admin", "global", null);
        String initialAdmin = AccessFixtures.items(admin, "/api/v1/users").stream()
                .filter(u -> u.path("username").asString().equals("admin")).findFirst().orElseThrow().path("id").asString();
        // every other global admin off: the initial admin (disabled by the second) is then the only other one
        AccessFixtures.items(admin, "/api/v1/bindings").stream()
                .filter(b -> b.path("role").asString().equals("admin") && b.path("scope").path("type").asString().equals("global"))
                .map(b -> b.path("subject").path("id").asString())
                .filter(id -> !id.equals(initialAdmin) && !id.equals(second.id()))
                .forEach(id -> admin.post("/api/v1/users/" + id + "/disable", Map.of()));

        assertThat(second.api().post("/api/v1/users/" + initialAdmin + "/disable", Map.of()).statusCode()).isEqualTo(204);
        try {
            // the second is now the last: nobody may take them away, not even themselves
            ApiSession.problem(second.api().delete("/api/v1/users/" + second.id()), 409, "conflict");
            String binding = AccessFixtures.items(second.api(), "/api/v1/bindings?subjectId=" + second.id()).get(0).path("id").asString();
            ApiSession.problem(second.api().delete("/api/v1/bindings/" + binding), 409, "conflict");
        } finally {
            assertThat(second.api().post("/api/v1/users/" + initialAdmin + "/enable", Map.of()).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void throttlingCountsTheAccountAsSignInFindsIt() {
        String address = "127.0.0.1";
        assertThat(SignInThrottle.key("admin\u0001", address)).isEqualTo(SignInThrottle.key(" Admin ", address));
        assertThat(SignInThrottle.key("ad\u0001min", address)).isEqualTo(SignInThrottle.key("x".repeat(101), address))
                .as("names no account can have share one key");
    }
}
