package dev.wharf.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where every error nobody handled ends up (unknown paths, 405s, uncaught exceptions). API paths and
 * non-browser clients get a {@link ProblemDetail}; browsers get the error page in the console's look.
 * Neither ever shows a stack trace.
 */
@Controller
@RequestMapping("/error")
class WharfErrorController implements ErrorController {

    @Public
    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    Object page(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        if (isApi(request)) {
            return problem(request);
        }
        String view = switch (status.value()) {
            case 403 -> "error/403";
            case 404 -> "error/404";
            default -> status.is5xxServerError() ? "error/5xx" : "error/error";
        };
        return new ModelAndView(view, Map.of("status", status.value(), "reason", status.getReasonPhrase()), status);
    }

    @Public
    @RequestMapping
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        String detail = switch (status.value()) {
            case 404 -> "No such resource: " + originalPath(request);
            case 405 -> "This method is not allowed on " + originalPath(request);
            default -> status.is5xxServerError()
                    ? "The console failed to handle this request; the error is in its log"
                    : status.getReasonPhrase();
        };
        ProblemDetail problem = Problems.of(status, detail);
        try {
            problem.setInstance(URI.create(originalPath(request)));
        } catch (IllegalArgumentException unparsable) {
            // leave instance out rather than fail while reporting a failure
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            return HttpStatus.NOT_FOUND; // /error asked for by name: there is no error to show
        }
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status != null ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static boolean isApi(HttpServletRequest request) {
        return originalPath(request).startsWith("/api/");
    }

    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path ? path : request.getRequestURI();
    }
}
