package dev.wharf.access;

import dev.wharf.web.DocumentationRoutes;
import dev.wharf.web.Public;
import dev.wharf.web.SignedIn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The hand-written route table ({@code src/test/resources/access/routes.csv}: method, path, rule) and the
 * application's own handler mappings, in the same words, so tests can compare them.
 *
 * <p>A rule is {@code public}, {@code signed-in}, or a permission key and where it is checked, such as
 * {@code container.read@host}, {@code user.manage@global}, {@code host.read@each_host}, {@code team.manage@handler}.
 */
final class RouteRules {

    /** One route: {@code GET /api/v1/hosts/{hostId}} and its rule. */
    record Route(String method, String path, String rule) {

        String key() {
            return method + " " + path;
        }

        boolean isApi() {
            return path.startsWith("/api/");
        }

        boolean isStream() {
            return path.endsWith("/stream") || path.equals("/live") || path.equals("/api/v1/events");
        }
    }

    private RouteRules() {}

    static List<Route> table() {
        try (InputStream in = RouteRules.class.getResourceAsStream("/access/routes.csv")) {
            List<Route> routes = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("method,")) {
                    continue;
                }
                String[] fields = trimmed.split(",");
                routes.add(new Route(fields[0].strip(), fields[1].strip(), fields[2].strip()));
            }
            return routes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every route the application maps, with the rule its handler states (or {@code none}). */
    static Set<Route> mapped(RequestMappingHandlerMapping mapping) {
        Set<Route> routes = new java.util.HashSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            String rule = rule(entry.getValue());
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            Set<String> names = new TreeSet<>();
            if (methods.isEmpty()) {
                names.add("ANY");
            } else {
                methods.forEach(m -> names.add(m.name()));
            }
            for (String path : info.getPatternValues()) {
                names.forEach(method -> routes.add(new Route(method, path, rule)));
            }
        }
        return routes;
    }

    static String rule(HandlerMethod handler) {
        Requires requires = handler.getMethodAnnotation(Requires.class);
        boolean signedIn = handler.hasMethodAnnotation(SignedIn.class);
        // springdoc's document and Swagger UI cannot carry @Public; the route check lets exactly them through
        boolean open = handler.hasMethodAnnotation(Public.class) || DocumentationRoutes.handles(handler);
        int stated = (requires != null ? 1 : 0) + (signedIn ? 1 : 0) + (open ? 1 : 0);
        if (stated != 1) {
            return stated == 0 ? "none" : "conflicting";
        }
        if (open) {
            return "public";
        }
        if (signedIn) {
            return "signed-in";
        }
        return requires.value().key() + "@" + requires.on().name().toLowerCase(Locale.ROOT);
    }
}
