package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Password guessing is slowed per account and client address together: after a few failures that pair
 * gets 429 with Retry-After, on the form and on the token endpoint alike, and succeeds once it has
 * waited; the same account from another address is not held up.
 */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-password=throttle-right", "wharf.sign-in.failures=3", "wharf.sign-in.wait=2s"})
class SignInThrottleTests {

    @LocalServerPort
    int port;

    @Test
    void theTokenEndpointAnswers429AfterRepeatedFailuresAndWorksAfterTheWait() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(token("127.0.0.1", "wrong").status()).isEqualTo(401);
        }

        Answer held = token("127.0.0.1", "throttle-right");
        assertThat(held.status()).as("even the right password waits").isEqualTo(429);
        long retryAfter = Long.parseLong(held.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(held.body()).contains("rate-limited");

        assertThat(token("127.0.0.2", "throttle-right").status()).as("another address is not held up").isEqualTo(201);

        Thread.sleep(retryAfter * 1000 + 200);
        assertThat(token("127.0.0.1", "throttle-right").status()).isEqualTo(201);
    }

    @Test
    void theSignInFormAnswers429AfterRepeatedFailures() {
        Http browser = new Http(port);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed = signIn(browser, "nobody-" + "x", "wrong");
            assertThat(failed.headers().firstValue("Location").orElse("")).endsWith("/login?error");
        }

        HttpResponse<String> held = signIn(browser, "nobody-x", "wrong");

        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.headers().firstValue("Retry-After")).isPresent();
        assertThat(signIn(new Http(port), "admin", "throttle-right").statusCode()).as("another account is not held up").isEqualTo(302);
    }

    private static HttpResponse<String> signIn(Http browser, String username, String password) {
        return browser.postForm("/login", "username=" + Http.encode(username) + "&password=" + Http.encode(password)
                + "&_csrf=" + Http.encode(Http.csrfFrom(browser.get("/login"))));
    }

    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }
    }

    /** POST /api/v1/auth/tokens from a chosen loopback address (java.net.http cannot pick its own). */
    private Answer token(String from, String password) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            String credentials = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
            String request = "POST /api/v1/auth/tokens HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic " + credentials
                    + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = response.substring(0, split);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, response.substring(split + 4));
        }
    }
}
