package dev.wharf.hosts;

import dev.wharf.access.AccessPolicy;
import dev.wharf.access.HostScope;
import dev.wharf.access.Requires;
import dev.wharf.web.DocumentationRoutes;
import dev.wharf.web.NotFoundException;
import dev.wharf.web.Public;
import dev.wharf.web.SignedIn;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * The check every route gets before its handler runs, from what the route states ({@link Requires},
 * {@link SignedIn}, {@link Public}). A handler that states nothing is refused: deny by default, so a new
 * route cannot be reachable by mistake. Routes on a host ({@code {hostId}} in the path) answer 404 for a
 * host the caller cannot see, exactly as for one that does not exist.
 */
@Configuration(proxyBeanMethods = false)
class RouteAccess implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(RouteAccess.class);

    private final VisibleHosts hosts;
    private final AccessPolicy access;

    RouteAccess(VisibleHosts hosts, AccessPolicy access) {
        this.hosts = hosts;
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() == DispatcherType.ASYNC || handler instanceof ResourceHttpRequestHandler) {
            return true; // the dispatch that completes a stream was checked when it began; static assets are open
        }
        if (!(handler instanceof HandlerMethod method)) {
            throw refused(request); // Spring's own OPTIONS answers, for one
        }
        if (method.hasMethodAnnotation(Public.class) || DocumentationRoutes.handles(method)) {
            return true; // springdoc's document and Swagger UI are public by design and cannot carry @Public
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Requires rule = method.getMethodAnnotation(Requires.class);
        if (rule == null) {
            if (method.hasMethodAnnotation(SignedIn.class)) {
                return true; // the security chain let only signed-in users this far
            }
            log.error("Refused {} {}: its handler {} states no access rule", request.getMethod(), request.getRequestURI(),
                    method.getShortLogMessage());
            throw refused(request);
        }
        switch (rule.on()) {
            case HOST:
                hosts.require(caller, hostIdIn(request), rule.value());
                break;
            case GLOBAL:
                access.require(caller, rule.value(), HostScope.none());
                break;
            default:
                break; // EACH_HOST filters per host, HANDLER checks what only the handler knows
        }
        return true;
    }

    /** The refusal of a route that states no rule, recorded like every other. */
    private AccessDeniedException refused(HttpServletRequest request) {
        access.recordDenial(SecurityContextHolder.getContext().getAuthentication(), "request", null,
                request.getMethod() + " " + request.getRequestURI(), "the route states no access rule");
        return new AccessDeniedException("This route states no access rule");
    }

    private static UUID hostIdIn(HttpServletRequest request) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String hostId = variables == null ? null : variables.get("hostId");
        if (hostId == null) {
            throw new IllegalStateException("A route checked on its host has no {hostId} in its path");
        }
        try {
            return UUID.fromString(hostId);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No host " + hostId);
        }
    }
}
