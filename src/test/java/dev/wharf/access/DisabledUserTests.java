package dev.wharf.access;

import static dev.wharf.testing.ApiSession.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.AccessFixtures.Person;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Disabling an account ends everything it has open on the very next request: its tokens and its browser sessions. */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=disabled")
class DisabledUserTests {

    private static final String[] HTML = {"Accept", "text/html,application/xhtml+xml"};

    @LocalServerPort
    int port;

    @Test
    void aDisabledUsersTokenAndSessionStopAtOnceAndEnablingLetsThemSignInAgain() {
        ApiSession admin = new ApiSession(port, "disabled");
        AccessFixtures fixtures = new AccessFixtures(port, admin);
        Person user = fixtures.userWith("leaver", "viewer", "global", null);
        Http browser = new Http(port);
        browser.signIn(user.username(), AccessFixtures.PASSWORD);
        assertThat(user.api().get("/api/v1/hosts").statusCode()).isEqualTo(200);
        assertThat(browser.get("/", HTML).statusCode()).isEqualTo(200);
        assertThat(browser.get("/hosts", HTML).statusCode()).isEqualTo(200);

        assertThat(admin.post("/api/v1/users/" + user.id() + "/disable", Map.of()).statusCode()).isEqualTo(204);

        problem(user.api().get("/api/v1/hosts"), 401, "unauthorized");
        problem(user.api().get("/api/v1/tokens"), 401, "unauthorized");
        assertRedirectedToSignIn(browser.get("/hosts", HTML));
        assertRedirectedToSignIn(browser.get("/", HTML)); // the session is gone, not only that one request
        assertThatThrownBy(() -> new Http(port).signIn(user.username(), AccessFixtures.PASSWORD))
                .hasMessageContaining("Sign-in as " + user.username() + " failed");
        problem(new Http(port).postJson("/api/v1/auth/tokens", "{}", Http.basic(user.username(), AccessFixtures.PASSWORD)),
                401, "unauthorized");

        assertThat(admin.post("/api/v1/users/" + user.id() + "/enable", Map.of()).statusCode()).isEqualTo(204);

        assertRedirectedToSignIn(browser.get("/", HTML)); // an ended session stays ended
        Http again = new Http(port);
        again.signIn(user.username(), AccessFixtures.PASSWORD);
        assertThat(again.get("/hosts", HTML).statusCode()).isEqualTo(200);
        assertThat(new ApiSession(new Http(port), user.username(), AccessFixtures.PASSWORD).get("/api/v1/hosts").statusCode())
                .isEqualTo(200);
    }

    @Test
    void theAdminCannotDisableThemselves() {
        ApiSession admin = new ApiSession(port, "disabled");
        String adminId = AccessFixtures.items(admin, "/api/v1/users").stream()
                .filter(u -> u.path("username").asString().equals("admin")).findFirst().orElseThrow().path("id").asString();

        problem(admin.post("/api/v1/users/" + adminId + "/disable", Map.of()), 409, "conflict");
        problem(admin.delete("/api/v1/users/" + adminId), 409, "conflict");
        assertThat(admin.get("/api/v1/users").statusCode()).isEqualTo(200);
    }

    /**
     * The account goes while requests of its own are under way: none of them may leave its old rights behind
     * for its session. A race, so it is tried a number of times (stopping at the first stale session).
     */
    @Test
    void aDeletedUsersSessionEndsEvenWhileTheUserIsBusy() throws InterruptedException {
        ApiSession admin = new ApiSession(port, "disabled");
        AccessFixtures fixtures = new AccessFixtures(port, admin);
        for (int round = 0; round < 25; round++) {
            Person user = fixtures.userWith("busy", "viewer", "global", null);
            Http browser = new Http(port);
            browser.signIn(user.username(), AccessFixtures.PASSWORD);
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> busy = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread thread = new Thread(() -> {
                    while (!stop.get()) {
                        browser.get("/", HTML);
                    }
                });
                thread.start();
                busy.add(thread);
            }
            Thread.sleep(30);
            assertThat(admin.delete("/api/v1/users/" + user.id()).statusCode()).isEqualTo(204);
            Thread.sleep(30);
            stop.set(true);
            for (Thread thread : busy) {
                thread.join();
            }

            HttpResponse<String> after = browser.get("/hosts", HTML);
            assertThat(after.statusCode()).as("round %d: the deleted user's session still answered", round).isEqualTo(302);
        }
    }

    private static void assertRedirectedToSignIn(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }
}
