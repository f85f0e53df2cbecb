package dev.wharf.dashboard;

import static dev.wharf.testing.ApiSession.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.wharf.testing.AccessFixtures;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.EventStreamClient;
import dev.wharf.testing.Http;
import dev.wharf.testing.TestEngines;
import dev.wharf.testing.UsesTestDatabase;
import dev.wharf.testing.UsesTestEngines;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard against the real engines, as a browser reads it: cards with what the engine itself says,
 * a host that hangs shown down without slowing the page, and the live stream that adds and removes cards.
 */
@UsesTestEngines
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=dashboard")
class DashboardTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    ApiSession api;
    Http browser;

    @BeforeEach
    void signIn() {
        api = new ApiSession(port, "dashboard");
        browser = new Http(port);
        browser.signIn("admin", "dashboard");
    }

    @Test
    void aCardShowsWhatTheEngineSaysAboutItselfAndItsContainers() {
        TestEngines.ensureImage(TestEngines.unix());
        String engineVersion = TestEngines.cli(TestEngines.unix(), "version", "--format", "{{.Server.Version}}").get(0);
        String os = TestEngines.cli(TestEngines.unix(), "info", "--format", "{{.OperatingSystem}}").get(0);
        String cpus = TestEngines.cli(TestEngines.unix(), "info", "--format", "{{.NCPU}}").get(0);
        String hostId = register("dash-unix-" + AccessFixtures.suffix(), TestEngines.unix());
        String container = TestEngines.cli(TestEngines.unix(), "run", "-d", "--network", "none", TestEngines.IMAGE,
                "sleep", "300").get(0);
        try {
            await().atMost(WAIT).until(() -> card(hostId).contains(engineVersion));
            String card = card(hostId);
            assertThat(card).contains(escaped(os), "<dd>" + cpus + "</dd>", "status-up", "docker");
            // what the card counts is what docker counts (the engine is shared, so wait for them to agree)
            await().atMost(WAIT).until(() -> number(card(hostId), "data-running") == dockerCount("running"));
            assertThat(number(card(hostId), "data-images")).isPositive();
            assertThat(browser.get("/hosts/" + hostId).body()).as("the host page shows the same facts")
                    .contains(engineVersion, escaped(os));
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", container);
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void aHostWhoseEngineHangsShowsDownWithItsReasonAndThePageStaysQuick() throws Exception {
        HungEngine hung = new HungEngine();
        String hostId = register("dash-hung-" + AccessFixtures.suffix(), hung.endpoint());
        try {
            await().atMost(WAIT).until(() -> "down".equals(json(api.get("/api/v1/hosts/" + hostId)).path("status").asString()));
            String reason = json(api.get("/api/v1/hosts/" + hostId)).path("statusReason").asString();

            long started = System.nanoTime();
            HttpResponse<String> page = browser.get("/");
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(millis).as("the dashboard never waits for an engine").isLessThan(1500);
            assertThat(card(hostId)).contains("status-down", escaped(reason), "not known yet");
            assertThat(hung.connections()).as("the engine was asked (and hung)").isPositive();
        } finally {
            hung.close(); // first, so the watcher's calls end and the removal need not wait for them
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    @Test
    void theLiveStreamAddsACardForANewHostAndTakesItAwayWhenItIsRemoved() throws Exception {
        try (EventStreamClient live = browser.stream("/live")) {
            String name = "dash-live-" + AccessFixtures.suffix();
            String hostId = register(name, TestEngines.unix());

            await().atMost(WAIT).until(() -> raw(live).contains("id=\"card-" + hostId + "\" class=\"host-card loading\""));
            assertThat(raw(live)).contains("data-live-insert=\"host-cards\"", "hx-get=\"/hosts/" + hostId + "/card\"");
            // once listed, every viewer's page fetches its own card again: the fragment only says so
            await().atMost(WAIT).until(() -> raw(live).contains("id=\"card-" + hostId + "-sync\" hx-swap-oob=\"true\""));
            assertThat(browser.get("/hosts/" + hostId + "/card", "HX-Request", "true").body().strip())
                    .startsWith("<article id=\"card-" + hostId + "\"").contains(name).doesNotContain("<html");

            api.delete("/api/v1/hosts/" + hostId);
            await().atMost(WAIT).until(() -> raw(live).contains("<article id=\"card-" + hostId + "\" hx-swap-oob=\"delete\">"));
            assertThat(raw(live)).contains("data-live-insert=\"latest-events\"", "registered", "removed");
        }
    }

    @Test
    void theLatestEventsAreThoseTheViewerMaySeeNewestFirst() {
        TestEngines.ensureImage(TestEngines.unix());
        AccessFixtures fixtures = new AccessFixtures(port, api);
        String seen = register("dash-seen-" + AccessFixtures.suffix(), TestEngines.unix());
        String unseen = register("dash-unseen-" + AccessFixtures.suffix(), TestEngines.tlsSocket());
        AccessFixtures.Person viewer = fixtures.userWith("dash-viewer", "viewer", "host", seen);
        String first = "dash-first-" + AccessFixtures.suffix();
        String second = "dash-second-" + AccessFixtures.suffix();
        String hidden = "dash-hidden-" + AccessFixtures.suffix();
        try {
            TestEngines.ensureImage(TestEngines.tlsSocket());
            TestEngines.cli(TestEngines.unix(), "create", "--name", first, "--network", "none", TestEngines.IMAGE, "true");
            TestEngines.cli(TestEngines.unix(), "create", "--name", second, "--network", "none", TestEngines.IMAGE, "true");
            TestEngines.cli(TestEngines.tlsSocket(), "create", "--name", hidden, "--network", "none", TestEngines.IMAGE, "true");
            await().atMost(WAIT).until(() -> browser.get("/").body().contains(hidden));
            Http viewerBrowser = new Http(port);
            viewerBrowser.signIn(viewer.username(), AccessFixtures.PASSWORD);

            String page = viewerBrowser.get("/").body();

            assertThat(page).contains(second, first).doesNotContain(hidden, "card-" + unseen)
                    .contains("card-" + seen).doesNotContain("Register a host</a>");
            assertThat(page.indexOf(second)).as("newest first").isLessThan(page.indexOf(first));
        } finally {
            TestEngines.cli(TestEngines.unix(), "rm", "-f", first, second);
            TestEngines.cli(TestEngines.tlsSocket(), "rm", "-f", hidden);
            api.delete("/api/v1/hosts/" + seen);
            api.delete("/api/v1/hosts/" + unseen);
        }
    }

    @Test
    void testingAConnectionAnswersTheEngineVersionOrTheExactErrorAndSavesNothing() {
        int hostsBefore = json(api.get("/api/v1/hosts")).path("total").asInt();
        String engineVersion = TestEngines.cli(TestEngines.unix(), "version", "--format", "{{.Server.Version}}").get(0);

        HttpResponse<String> good = browser.postMultipart("/hosts/test", form("dash-test", TestEngines.unix()), Map.of(),
                "HX-Request", "true");
        String bad = "unix:///tmp/wharf-dash-nothing-" + AccessFixtures.suffix() + ".sock";
        HttpResponse<String> refused = browser.postMultipart("/hosts/test", form("dash-test", bad), Map.of(), "HX-Request", "true");
        String apiError = json(api.post("/api/v1/hosts/test", Map.of("name", "dash-test", "kind", "docker", "endpoint", bad)))
                .path("error").asString();

        assertThat(good.statusCode()).isEqualTo(200);
        assertThat(good.body().strip()).startsWith("<div id=\"test-result\"").contains("Connected", engineVersion).doesNotContain("<form");
        assertThat(apiError).isNotBlank();
        assertThat(refused.body()).contains("Could not connect", escaped(apiError));
        assertThat(json(api.get("/api/v1/hosts")).path("total").asInt()).as("nothing saved").isEqualTo(hostsBefore);
    }

    @Test
    void testingWithUploadedPemsReachesTheTlsEngineAndWithoutScriptShowsTheFormAgain() {
        String engineVersion = TestEngines.cli(TestEngines.tlsSocket(), "version", "--format", "{{.Server.Version}}").get(0);
        Map<String, String[]> pems = Map.of(
                "tlsCaFile", new String[] {"ca.pem", TestEngines.pem("WHARF_TEST_TLS_CA")},
                "tlsCertFile", new String[] {"cert.pem", TestEngines.pem("WHARF_TEST_TLS_CERT")},
                "tlsKeyFile", new String[] {"key.pem", TestEngines.pem("WHARF_TEST_TLS_KEY")});

        HttpResponse<String> page = browser.postMultipart("/hosts/test", form("dash-tls", TestEngines.tls()), pems);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form", "Connected", engineVersion, "value=\"dash-tls\"", "BEGIN CERTIFICATE")
                .doesNotContain(keyLine(TestEngines.pem("WHARF_TEST_TLS_KEY")));
    }

    @Test
    void testingAnEditNeedsWhatSavingItNeeds() {
        AccessFixtures fixtures = new AccessFixtures(port, api);
        String hostId = register("dash-edit-" + AccessFixtures.suffix(), TestEngines.unix());
        try {
            AccessFixtures.Person hostAdmin = fixtures.userWith("dash-ha", "host-admin", "host", hostId);
            Http theirs = new Http(port);
            theirs.signIn(hostAdmin.username(), AccessFixtures.PASSWORD);
            String csrf = Http.csrfFrom(theirs.get("/hosts/" + hostId + "/edit"));

            HttpResponse<String> same = theirs.postForm("/hosts/" + hostId + "/test", "_csrf=" + Http.encode(csrf)
                    + "&name=x&kind=docker&endpoint=" + Http.encode(TestEngines.unix()));
            HttpResponse<String> elsewhere = theirs.postForm("/hosts/" + hostId + "/test", "_csrf=" + Http.encode(csrf)
                    + "&name=x&kind=docker&endpoint=" + Http.encode(TestEngines.tlsSocket()));

            assertThat(same.statusCode()).isEqualTo(200);
            assertThat(same.body()).contains("Connected");
            assertThat(elsewhere.statusCode()).as("another engine needs host.manage globally").isEqualTo(403);
        } finally {
            api.delete("/api/v1/hosts/" + hostId);
        }
    }

    private String register(String name, String endpoint) {
        HttpResponse<String> registered = api.post("/api/v1/hosts", Map.of("name", name, "kind", "docker", "endpoint", endpoint));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        return json(registered).path("id").asString();
    }

    private Map<String, String> form(String name, String endpoint) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("_csrf", Http.csrfFrom(browser.get("/hosts/new")));
        fields.put("name", name);
        fields.put("group", "");
        fields.put("kind", "docker");
        fields.put("endpoint", endpoint);
        return fields;
    }

    /** The host's card as the dashboard shows it now, or "" when it shows none. */
    private String card(String hostId) {
        String page = browser.get("/").body();
        int start = page.indexOf("<article id=\"card-" + hostId + "\"");
        return start < 0 ? "" : page.substring(start, page.indexOf("</article>", start));
    }

    private static int number(String html, String attribute) {
        Matcher m = Pattern.compile(attribute + "=\"(\\d+)\"").matcher(html);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static int dockerCount(String state) {
        return TestEngines.cli(TestEngines.unix(), "ps", "-q", "--filter", "status=" + state).size();
    }

    private static String raw(EventStreamClient live) {
        return String.join("\n", live.events().stream().map(EventStreamClient.Event::raw).toList());
    }

    /** How Thymeleaf writes text that came from an engine. */
    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static String keyLine(String pem) {
        return pem.lines().skip(1).findFirst().orElseThrow();
    }

    /** A unix socket that accepts connections and never answers: an engine that hangs. */
    static final class HungEngine implements AutoCloseable {

        private final Path socket;
        private final ServerSocketChannel server;
        private final List<SocketChannel> accepted = new ArrayList<>();
        private final Thread acceptor;

        HungEngine() throws IOException {
            socket = Files.createTempDirectory("wharf-hung-").resolve("docker.sock");
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        SocketChannel channel = server.accept();
                        synchronized (accepted) {
                            accepted.add(channel);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "hung-engine");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "unix://" + socket;
        }

        int connections() {
            synchronized (accepted) {
                return accepted.size();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (accepted) {
                for (SocketChannel channel : accepted) {
                    channel.close();
                }
            }
            Files.deleteIfExists(socket);
        }
    }
}
