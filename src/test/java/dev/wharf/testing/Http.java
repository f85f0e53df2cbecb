package dev.wharf.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A plain HTTP client for tests against the running console, the way curl or a browser talks to it:
 * no redirects followed, cookies kept per instance.
 */
public final class Http {

    private final String base;
    private final HttpClient client;

    public Http(int port) {
        this("http://localhost:" + port, HttpClient.newBuilder());
    }

    public Http(String base, HttpClient.Builder builder) {
        this.base = base;
        this.client = builder.followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The client with this session's cookies, for requests of a shape the helpers here do not make. */
    public HttpClient client() {
        return client;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A stream read with this client's cookies (its session, once signed in). */
    public EventStreamClient stream(String path) {
        return EventStreamClient.open(client, request(path).timeout(Duration.ofDays(1)));
    }

    /** The answer to a stream request with this client's cookies, whatever its status. */
    public HttpResponse<java.io.InputStream> tryStream(String path) {
        return EventStreamClient.tryOpen(client, request(path).timeout(Duration.ofDays(1)));
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path).headers(headersOrNone(headers)).GET());
    }

    public HttpResponse<String> postJson(String path, String json, String... headers) {
        return send(request(path).headers(headersOrNone(headers)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postForm(String path, String form) {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** Signs in through the form, as a browser does; the session cookie stays in this client. */
    public void signIn(String user, String password) {
        HttpResponse<String> response = postForm("/login", "username=" + encode(user) + "&password=" + encode(password)
                + "&_csrf=" + encode(csrfFrom(get("/login"))));
        if (response.statusCode() != 302 || response.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("Sign-in as " + user + " failed: " + response.statusCode());
        }
    }

    /** The CSRF token a page's forms carry. */
    public static String csrfFrom(HttpResponse<String> page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("No CSRF field on the page: " + page.body());
        }
        return m.group(1);
    }

    /** Posts a multipart form, as a browser does for a form with file inputs. Files are name -> {filename, content}. */
    public HttpResponse<String> postMultipart(String path, java.util.Map<String, String> fields,
            java.util.Map<String, String[]> files, String... headers) {
        String boundary = "----wharf" + java.util.UUID.randomUUID().toString().replace("-", "");
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        files.forEach((name, file) -> body.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"; filename=\"").append(file[0])
                .append("\"\r\nContent-Type: application/x-pem-file\r\n\r\n").append(file[1]).append("\r\n"));
        body.append("--").append(boundary).append("--\r\n");
        return send(request(path).headers(headersOrNone(headers)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String[] basic(String user, String password) {
        String pair = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new String[] {"Authorization", "Basic " + pair};
    }

    public static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String[] headersOrNone(String[] headers) {
        // HttpRequest.Builder#headers rejects an empty array
        return headers.length == 0 ? new String[] {"Accept", "*/*"} : headers;
    }
}
