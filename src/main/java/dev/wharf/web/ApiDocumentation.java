package dev.wharf.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The API's OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}), made by
 * springdoc from the handlers themselves: what is written here is only what the handlers cannot say.
 * {@link ProblemDocs} adds the errors, {@link AnswerDocs} the success answers' conventions, and the access
 * module who may call each operation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String DESCRIPTION = """
            The REST API of Wharf, a console for container hosts (Docker engines and Windows HCS/HCN).

            **Sign in** with `Authorization: Bearer <token>`. Trade a password for a token once, with HTTP Basic, \
            at `POST /api/v1/auth/tokens`; tokens in query strings are refused. Each operation names the permission \
            it needs (`x-wharf-permission`); a resource on a host the caller cannot see is 404, like one that does \
            not exist.

            **Conventions**: JSON in camelCase, times as ISO-8601 UTC strings in fields ending in `At`, unknown \
            JSON fields are a 400. Lists answer `{ "items", "page", "size", "total" }` and take `?page=&size=` \
            (size up to 1000). Creating answers 201 with `Location` and the new resource, actions and deletes 204, \
            long work 202 with an `operationId` whose progress comes on `GET /api/v1/events`.

            **Errors** are `application/problem+json` (RFC 9457) with a stable `type` \
            (`https://wharf.dev/problems/<name>`); branch on the type, never on `detail`.

            **Streams** (`GET /api/v1/events`, a container's `stats` and `logs?follow=true`) are server-sent events \
            with `Accept: text/event-stream`: each event has an `id:`, an `event:` naming its type and one line of \
            JSON `data:`; reconnect with `Last-Event-ID` to resume.""";

    ApiDocumentation() {
        // Types whose Java shape says nothing about what goes on the wire: a Jackson 3 tree is any JSON value (the
        // Jackson 2 model reader would list its getters), an emitter is the text of its events (not an object with a
        // "timeout"), a streamed body is bytes.
        SpringDocUtils.getConfig()
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<>().description("Any JSON value"))
                .replaceWithSchema(SseEmitter.class, AnswerDocs.eventStream())
                .replaceWithSchema(ResponseBodyEmitter.class, AnswerDocs.eventStream())
                .replaceWithSchema(StreamingResponseBody.class, AnswerDocs.bytes());
    }

    @Bean
    OpenAPI wharfApi() {
        return new OpenAPI()
                .info(new Info().title("Wharf API").version("v1").description(DESCRIPTION))
                .components(new Components().addSchemas(ProblemDocs.SCHEMA, ProblemDocs.schema()));
    }

    @Bean
    ProblemDocs problemDocs() {
        return new ProblemDocs();
    }

    @Bean
    AnswerDocs answerDocs() {
        return new AnswerDocs();
    }

    @Bean
    AnswersInStatusOrder answersInStatusOrder() {
        return new AnswersInStatusOrder();
    }
}
