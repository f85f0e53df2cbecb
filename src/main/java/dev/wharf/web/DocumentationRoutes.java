package dev.wharf.web;

import org.springframework.web.method.HandlerMethod;

/**
 * Where the API describes itself: springdoc's OpenAPI document and Swagger UI, open without sign-in
 * (ARCHITECTURE.md) so a client can read the contract before it holds a token. The document lists only
 * {@code /api/v1}; every endpoint in it still needs its own credentials and permission.
 */
public final class DocumentationRoutes {

    /** The document ({@code /v3/api-docs}, its YAML form and Swagger UI's configuration) and Swagger UI. */
    public static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    private static final String SPRINGDOC = "org.springdoc.";

    private DocumentationRoutes() {}

    /**
     * Whether a handler is one of springdoc's own: they cannot carry {@link Public}, so the route check and
     * the route table recognise them by their package. Nothing else unannotated passes.
     */
    public static boolean handles(HandlerMethod handler) {
        return handler.getBeanType().getName().startsWith(SPRINGDOC);
    }
}
