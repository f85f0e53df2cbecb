package dev.wharf.access;

import dev.wharf.audit.AuditEntry;
import dev.wharf.audit.AuditTrail;
import dev.wharf.web.InvalidInputException;
import dev.wharf.web.NotFoundException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The trail's safety net. Handlers record their own outcomes, in their own words; a change request (POST,
 * PUT, PATCH, DELETE) that ended in an error without any entry (input refused before the handler, a conflict, a
 * missing resource, a failure nobody caught) is recorded here, as a failure or, for a 403, a denial, under the
 * permission its route states. So no attempted change leaves the trail silent.
 */
@Configuration(proxyBeanMethods = false)
class UnrecordedChanges implements WebMvcConfigurer, HandlerInterceptor {

    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditTrail audit;

    UnrecordedChanges(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // first in, last out: it sees the end of requests the route check refused as well
        registry.addInterceptor(this).order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || !(handler instanceof HandlerMethod method)
                || !CHANGES.contains(request.getMethod()) || AuditTrail.recordedDuring(request)) {
            return;
        }
        Object resolved = request.getAttribute(DispatcherServlet.EXCEPTION_ATTRIBUTE);
        Throwable failure = ex != null ? ex : resolved instanceof Throwable thrown ? thrown : null;
        int status = response.getStatus();
        if (failure == null && status < 400) {
            return; // a request that changes nothing (a connection test, a dry run) has nothing to record
        }
        boolean denied = status == HttpStatus.FORBIDDEN.value() || failure instanceof AccessDeniedException;
        Requires rule = method.getMethodAnnotation(Requires.class);
        audit.record(CallerAudit.entry(SecurityContextHolder.getContext().getAuthentication(),
                rule == null ? "request" : rule.value().key(), hostId(request), request.getMethod() + " " + request.getRequestURI(),
                denied ? AuditEntry.Outcome.DENIED : AuditEntry.Outcome.FAILURE, detail(status, failure)));
    }

    /** What went wrong, in words made for clients (never a request body, which may hold a password). */
    private static String detail(int status, Throwable failure) {
        if (failure instanceof InvalidInputException || failure instanceof NotFoundException) {
            return failure.getMessage();
        }
        if (status >= 500 || status < 400) { // status < 400 here: an exception nobody answered yet, so a 500
            return "failed with an internal error (see the console's log)";
        }
        HttpStatus known = HttpStatus.resolve(status);
        return "answered " + status + (known == null ? "" : " " + known.getReasonPhrase());
    }

    private static UUID hostId(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String hostId = variables == null ? null : variables.get("hostId");
        try {
            return hostId == null ? null : UUID.fromString(hostId);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
