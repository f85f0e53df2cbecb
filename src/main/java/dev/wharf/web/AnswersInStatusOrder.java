package dev.wharf.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.TreeMap;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.core.Ordered;

/**
 * Lists each operation's answers by status (201 before 400 before 502), whichever customizer added them, so the
 * document reads the same however its customizers are ordered. Runs after all of them.
 */
final class AnswersInStatusOrder implements GlobalOpenApiCustomizer, Ordered {

    @Override
    public void customise(OpenAPI api) {
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() != null) {
                ApiResponses sorted = new ApiResponses();
                new TreeMap<>(operation.getResponses()).forEach(sorted::addApiResponse);
                sorted.setExtensions(operation.getResponses().getExtensions());
                operation.setResponses(sorted);
            }
        }));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
