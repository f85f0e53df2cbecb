package dev.wharf.access;

import dev.wharf.web.ProblemDocs;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * How the OpenAPI document's operations sign in, as {@link ApiAuthenticationFilter} accepts it: a bearer token on
 * every operation, HTTP Basic (and only that) to create a token, where failed passwords are throttled.
 */
@Component
class SignInDocs implements GlobalOpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String BASIC = "basic";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("wharf_…")
                        .description("An API token: `Authorization: Bearer <token>`. Create one with HTTP Basic at `POST "
                                + ApiAuthenticationFilter.TOKEN_CREATION_PATH + "`; never in the query string."))
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("A user's name and password; accepted only to create a token."));
        api.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));

        PathItem tokens = api.getPaths() == null ? null : api.getPaths().get(ApiAuthenticationFilter.TOKEN_CREATION_PATH);
        Operation create = tokens == null ? null : tokens.getPost();
        if (create != null) {
            create.setSecurity(List.of(new SecurityRequirement().addList(BASIC)));
            create.getResponses().addApiResponse("403", ProblemDocs.answer("Signed in with a token instead of a password "
                    + "(`forbidden`): tokens cannot make tokens"));
            ProblemDocs.add(create, HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins for this user or address "
                    + "(`rate-limited`)");
            create.getResponses().get("429").addHeaderObject("Retry-After", ProblemDocs.retryAfter());
        }
    }
}
