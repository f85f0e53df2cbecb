package dev.wharf.containers;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * Where a form without script sends the browser back to after an action: the containers page (or host page)
 * it was sent from. Only the console's own container lists qualify, so the field cannot send anyone elsewhere.
 */
final class Back {

    private static final Pattern OWN_LIST = Pattern.compile("/(containers|hosts/[0-9a-fA-F-]{36}(/containers)?)(\\?[A-Za-z0-9%._~!$&'()*+,;=:@/?-]*)?");

    /** A container's own page: where its lifecycle forms come back to (never removing: the container is gone then). */
    private static final Pattern CONTAINER_PAGE = Pattern.compile("/hosts/[0-9a-fA-F-]{36}/containers/[A-Za-z0-9][A-Za-z0-9_.@-]*");

    private Back() {}

    /** This request's own path and query. */
    static String here(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** {@code candidate} when it is one of the container lists, else {@code fallback}. */
    static String orElse(String candidate, String fallback) {
        return candidate != null && OWN_LIST.matcher(candidate).matches() ? candidate : fallback;
    }

    /** {@code candidate} when it is a container list or a container's page, else {@code fallback}. */
    static String orPage(String candidate, String fallback) {
        return candidate != null && CONTAINER_PAGE.matcher(candidate).matches() ? candidate : orElse(candidate, fallback);
    }

    static String containerPage(java.util.UUID hostId, String containerId) {
        return "/hosts/" + hostId + "/containers/" + containerId;
    }

    /** The path and query of a full URL (htmx's {@code HX-Current-URL}), or null. */
    static String pathOf(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (IllegalArgumentException unparsable) {
            return null;
        }
    }

    static String hostList(java.util.UUID hostId) {
        return "/hosts/" + hostId + "/containers";
    }
}
