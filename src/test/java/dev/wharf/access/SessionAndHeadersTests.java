package dev.wharf.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every page carries (a Content-Security-Policy without inline script or style, no framing, no
 * sniffing, a referrer policy) and how a browser session is kept: a new session id at sign-in, a cookie
 * scripts cannot read and other sites cannot send, and an end however busy it is.
 */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"wharf.admin-password=headers", "wharf.session.absolute-timeout=3s"})
class SessionAndHeadersTests {

    @LocalServerPort
    int port;

    @Test
    void pagesForbidInlineScriptsFramingAndSniffing() {
        for (String path : List.of("/login", "/api/v1/hosts")) {
            HttpResponse<String> page = new Http(port).get(path);

            String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(policy).as(path).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("same-origin");
        }
    }

    @Test
    void signingInGivesANewSessionInACookieScriptsCannotReadAndOtherSitesCannotSend() {
        Http browser = new Http(port);
        HttpResponse<String> loginPage = browser.get("/login");
        String before = sessionCookie(loginPage);

        HttpResponse<String> signedIn = browser.postForm("/login", "username=admin&password=headers&_csrf="
                + Http.encode(Http.csrfFrom(loginPage)));

        String after = sessionCookie(signedIn);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(before).as("the sign-in page's session, which holds its CSRF token").isNotEmpty();
        assertThat(after).as("a session id is issued at sign-in").isNotEmpty();
        assertThat(id(after)).as("not the one from before sign-in").isNotEqualTo(id(before));
        assertThat(after).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void aSessionEndsAfterItsAbsoluteLifetimeHoweverBusy() throws InterruptedException {
        Http browser = new Http(port);
        browser.signIn("admin", "headers");
        assertThat(browser.get("/hosts").statusCode()).isEqualTo(200);

        for (int i = 0; i < 4; i++) { // busy all along: the idle timeout never applies
            Thread.sleep(1000);
            browser.get("/hosts");
        }

        HttpResponse<String> later = browser.get("/hosts");
        assertThat(later.statusCode()).isEqualTo(302);
        assertThat(later.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private static String sessionCookie(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElse("");
    }

    private static String id(String cookie) {
        return cookie.isEmpty() ? "" : cookie.substring("JSESSIONID=".length(), cookie.indexOf(';'));
    }
}
