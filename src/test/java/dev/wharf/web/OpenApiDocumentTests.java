package dev.wharf.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.access.Requires;
import dev.wharf.testing.ApiSession;
import dev.wharf.testing.Http;
import dev.wharf.testing.UsesTestDatabase;
import jakarta.servlet.ServletResponse;
import java.io.OutputStream;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the application's own handlers: every {@code /api/v1} endpoint is in it and nothing
 * else is, each says who may call it, what it takes and what it answers, errors included; and the document and
 * Swagger UI are readable without signing in while the API itself is not.
 */
@UsesTestDatabase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "wharf.admin-password=openapi")
class OpenApiDocumentTests {

    private static final String API = "/api/v1";

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    Http anonymous;
    JsonNode document;

    @BeforeEach
    void readTheDocumentWithoutSigningIn() {
        anonymous = new Http(port);
        HttpResponse<String> docs = anonymous.get("/v3/api-docs");
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        document = ApiSession.JSON.readTree(docs.body());
    }

    @Test
    void theDocumentListsEveryApiEndpointAndNothingElse() {
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        Set<String> handled = endpoints().keySet();

        assertThat(handled).as("endpoints the document is missing").isSubsetOf(documented);
        assertThat(documented).as("operations in the document that no handler serves").isSubsetOf(handled);
        assertThat(documented).as("the document lists the API").isNotEmpty();
    }

    @Test
    void everyOperationSaysWhoMayCallItWhatItTakesAndWhatItAnswers() {
        List<String> wrong = new ArrayList<>();
        endpoints().forEach((endpoint, handlers) -> {
            JsonNode operation = operation(endpoint);
            Set<JsonNode> rules = handlers.stream().map(OpenApiDocumentTests::rule).collect(Collectors.toSet());
            JsonNode stated = operation.path("x-wharf-permission");
            Set<JsonNode> documented = new HashSet<>();
            (stated.isArray() ? stated.values() : List.of(stated)).forEach(documented::add);
            if (!documented.equals(rules)) {
                wrong.add(endpoint + ": x-wharf-permission " + stated + ", the handlers state " + rules);
            }
            if (!operation.path("description").asString().contains("Permission:")) {
                wrong.add(endpoint + ": no sentence on its permission in " + operation.path("description"));
            }
            boolean open = handlers.stream().allMatch(handler -> handler.hasMethodAnnotation(Public.class));
            if (problemAnswers(operation).isEmpty() || (!open && !problemAnswers(operation).contains("401"))) {
                wrong.add(endpoint + ": problem+json answers " + problemAnswers(operation) + ", 401 expected unless public");
            }
            operation.path("parameters").values().stream().filter(parameter -> parameter.path("schema").has("$ref"))
                    .forEach(parameter -> wrong.add(endpoint + ": parameter " + parameter.path("name").asString()
                            + " is an object, not the query parameters it is bound from"));
            for (HandlerMethod handler : handlers) {
                checkBody(endpoint, handler, operation, wrong);
                checkAnswer(endpoint, handler, operation, wrong);
            }
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void theProblemSchemaHoldsWhatTheApplicationReallyAnswers() {
        JsonNode schema = document.path("components").path("schemas").path(ProblemDocs.SCHEMA);
        assertThat(schema.path("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "field", "hostId", "hresult");

        ApiSession admin = new ApiSession(port, "openapi");
        List<HttpResponse<String>> problems = List.of(
                anonymous.get(API + "/hosts"),
                admin.get(API + "/hosts/" + UUID.randomUUID()),
                admin.post(API + "/hosts", Map.of("name", "", "kind", "docker", "endpoint", "tcp://127.0.0.1:1")),
                admin.post(API + "/users", Map.of("username", "openapi", "nonsense", true)),
                admin.get(API + "/no-such-endpoint"));
        for (HttpResponse<String> answer : problems) {
            assertThat(answer.headers().firstValue("Content-Type")).as(answer.body())
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(schema.path("properties").propertyNames()).as(answer.body())
                    .containsAll(ApiSession.JSON.readTree(answer.body()).propertyNames());
        }
        assertThat(problems).extracting(HttpResponse::body).anySatisfy(body -> assertThat(body).contains("\"field\""));
    }

    @Test
    void everyOperationSignsInWithABearerTokenExceptTokenCreationWithBasic() {
        assertThat(document.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(operation("POST " + API + "/auth/tokens").path("security").toString()).isEqualTo("[{\"basic\":[]}]");
        assertThat(operation("POST " + API + "/hosts/{hostId}/containers/{containerId}/start").path("x-wharf-permission").toString())
                .isEqualTo("{\"permission\":\"container.lifecycle\",\"on\":\"host\"}");
        assertThat(operation("GET " + API + "/tokens").path("x-wharf-permission").toString()).isEqualTo("{\"signedIn\":true}");
    }

    @Test
    void everyReferenceResolvesAndNoTwoJavaTypesShareASchemaName() {
        java.util.Collection<String> schemas = document.path("components").path("schemas").propertyNames();
        Set<String> references = new TreeSet<>();
        collectReferences(document, references);
        assertThat(references).allSatisfy(ref -> assertThat(schemas).contains(ref.substring(ref.lastIndexOf('/') + 1)));

        // swagger names a schema after the simple class name: two types of one name would silently share one schema
        Map<String, Set<String>> typesByName = new TreeMap<>();
        Set<Class<?>> seen = new HashSet<>();
        endpoints().values().stream().flatMap(List::stream).forEach(handler -> {
            javaTypes(ResolvableType.forMethodReturnType(handler.getMethod()), typesByName, seen);
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.hasParameterAnnotation(RequestBody.class)) {
                    javaTypes(ResolvableType.forMethodParameter(parameter), typesByName, seen);
                }
            }
        });
        typesByName.values().removeIf(types -> types.size() == 1);
        assertThat(typesByName).as("Java types that would share one schema; name one apart with @Schema(name = ...)").isEmpty();
    }

    @Test
    void theDocumentAndSwaggerUiAreOpenWhileTheApiIsNot() {
        HttpResponse<String> ui = anonymous.get("/swagger-ui/index.html");
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
        assertThat(anonymous.get("/swagger-ui.html").headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/swagger-ui/index.html"));
        assertThat(anonymous.get("/v3/api-docs/swagger-config").statusCode()).isEqualTo(200);

        ApiSession.problem(anonymous.get(API + "/hosts"), 401, "unauthorized");
    }

    private void checkBody(String endpoint, HandlerMethod handler, JsonNode operation, List<String> wrong) {
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestBody body = parameter.getParameterAnnotation(RequestBody.class);
            if (body != null && (operation.path("requestBody").path("content").isEmpty()
                    || operation.path("requestBody").path("required").asBoolean(false) != body.required())) {
                wrong.add(endpoint + ": takes a body (required " + body.required() + "), documents " + operation.path("requestBody"));
            }
        }
    }

    private static void checkAnswer(String endpoint, HandlerMethod handler, JsonNode operation, List<String> wrong) {
        ResolvableType returned = ResolvableType.forMethodReturnType(handler.getMethod());
        Class<?> body = (ResponseEntity.class.isAssignableFrom(returned.toClass()) ? returned.getGeneric(0) : returned).toClass();
        JsonNode responses = operation.path("responses");
        boolean writesItself = Arrays.stream(handler.getMethod().getParameterTypes()).anyMatch(type ->
                ServletResponse.class.isAssignableFrom(type) || OutputStream.class.isAssignableFrom(type) || Writer.class.isAssignableFrom(type));
        boolean nothing = body == Void.class || body == void.class;
        if (nothing && !writesItself) {
            if (!responses.has("204") || !responses.path("204").path("content").isEmpty()) {
                wrong.add(endpoint + ": answers no body, so 204 without content, not " + responses.propertyNames());
            }
            return;
        }
        String mediaType = nothing ? null : ResponseBodyEmitter.class.isAssignableFrom(body) ? "text/event-stream" : "application/json";
        boolean answered = responses.properties().stream().filter(r -> r.getKey().startsWith("2"))
                .map(r -> r.getValue().path("content"))
                .anyMatch(content -> mediaType == null ? !content.isEmpty() : !content.path(mediaType).path("schema").isEmpty());
        if (!answered) {
            wrong.add(endpoint + ": no 2xx " + (mediaType == null ? "" : mediaType + " ") + "answer with a schema for "
                    + handler.getShortLogMessage());
        }
    }

    /** What the handler's annotation says, in the document's words. */
    private static JsonNode rule(HandlerMethod handler) {
        Map<String, Object> rule = new LinkedHashMap<>();
        Requires requires = handler.getMethodAnnotation(Requires.class);
        if (requires != null) {
            rule.put("permission", requires.value().key());
            rule.put("on", requires.on().name().toLowerCase(Locale.ROOT));
        } else if (handler.hasMethodAnnotation(SignedIn.class)) {
            rule.put("signedIn", true);
        } else if (handler.hasMethodAnnotation(Public.class)) {
            rule.put("public", true);
        }
        return ApiSession.JSON.valueToTree(rule);
    }

    private static Set<String> problemAnswers(JsonNode operation) {
        return operation.path("responses").properties().stream()
                .filter(r -> r.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asString()
                        .equals("#/components/schemas/" + ProblemDocs.SCHEMA))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private JsonNode operation(String endpoint) {
        String[] methodAndPath = endpoint.split(" ", 2);
        return document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT));
    }

    /** {@code GET /api/v1/hosts/{hostId}} -> the handlers mapped there (two when a list and its stream share a path). */
    private Map<String, List<HandlerMethod>> endpoints() {
        Map<String, List<HandlerMethod>> endpoints = new TreeMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String path : entry.getKey().getPatternValues()) {
                if (path.startsWith(API + "/")) {
                    assertThat(methods).as(path + " states its HTTP method").isNotEmpty();
                    methods.forEach(method -> endpoints.computeIfAbsent(method.name() + " " + path, key -> new ArrayList<>())
                            .add(entry.getValue()));
                }
            }
        }
        return endpoints;
    }

    private static void collectReferences(JsonNode node, Set<String> references) {
        if (node.isObject() && node.path("$ref").isString()) {
            references.add(node.path("$ref").asString());
        }
        node.values().forEach(child -> collectReferences(child, references));
    }

    /** Our types reachable from a handler's signature, by the name swagger gives their schema. */
    private static void javaTypes(ResolvableType type, Map<String, Set<String>> byName, Set<Class<?>> seen) {
        for (ResolvableType generic : type.getGenerics()) {
            javaTypes(generic, byName, seen);
        }
        if (type.isArray()) {
            javaTypes(type.getComponentType(), byName, seen);
        }
        Class<?> raw = type.resolve();
        if (raw == null || !raw.getName().startsWith("dev.wharf.") || raw.isEnum() || !seen.add(raw)) {
            return;
        }
        if (raw != PageOf.class) { // named after what it holds: PageOfHostView
            io.swagger.v3.oas.annotations.media.Schema named = raw.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            String name = named != null && !named.name().isEmpty() ? named.name() : raw.getSimpleName();
            byName.computeIfAbsent(name, key -> new TreeSet<>()).add(raw.getName());
        }
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                javaTypes(ResolvableType.forType(component.getGenericType()), byName, seen);
            }
        }
    }
}
