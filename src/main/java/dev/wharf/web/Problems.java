package dev.wharf.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * The API's stable problem types ({@code https://wharf.dev/problems/<name>}). Clients branch on the
 * type, never on the wording of {@code detail}.
 */
public final class Problems {

    public static final String BASE = "https://wharf.dev/problems/";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String detail) {
        return of(status, nameFor(status), detail);
    }

    public static ProblemDetail of(HttpStatusCode status, String name, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(BASE + name));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error " + status.value());
        return problem;
    }

    /** The problem name the conventions give each status. */
    public static String nameFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "validation";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 501 -> "unsupported";
            case 502 -> "host-unavailable";
            case 504 -> "host-timeout";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }
}
