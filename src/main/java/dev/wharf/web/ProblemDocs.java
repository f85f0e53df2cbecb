package dev.wharf.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

/**
 * The errors each operation can answer, as {@code application/problem+json} with the shared {@code Problem}
 * schema: what {@link ApiExceptionHandler}, {@link WharfErrorController} and {@link ProblemResponses} write.
 * Which errors apply is read from the handler, so a new endpoint is documented without anyone remembering to:
 * parameters or a body can be refused (400), a path names something that may be missing (404), a change can
 * meet a conflict (409), a route below a host asks its engine (501, 502, 504), a stream counts against the
 * caller's streams (429). Sign-in and permission errors (401, 403) are the access module's.
 */
public final class ProblemDocs implements GlobalOperationCustomizer {

    /** The name of the shared schema under {@code #/components/schemas}. */
    public static final String SCHEMA = "Problem";

    ProblemDocs() {}

    /** An error answer with the shared schema, for operations to add under their status. */
    public static ApiResponse answer(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(
                org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
    }

    /** Adds {@code answer} under {@code status} unless the operation already documents that status. */
    public static void add(Operation operation, HttpStatus status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().putIfAbsent(Integer.toString(status.value()), answer(description));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || AnswerDocs.rawBodyTypes(handler).length > 0;
        if (takesInput) {
            add(operation, HttpStatus.BAD_REQUEST, "Bad input: a parameter or the body is refused (`validation`); `field` names "
                    + "the field when one is to blame");
        }
        if (hasPathVariables(handler)) {
            add(operation, HttpStatus.NOT_FOUND, "Nothing by that id, or it is on a host the caller cannot see (`not-found`)");
        }
        if (changes(handler)) {
            add(operation, HttpStatus.CONFLICT, "A duplicate, or the resource is in the wrong state for this (`conflict`)");
        }
        if (AnswerDocs.streams(handler)) {
            add(operation, HttpStatus.TOO_MANY_REQUESTS, "The caller holds as many streams as one user may (`rate-limited`)");
            operation.getResponses().get("429").addHeaderObject("Retry-After", retryAfter());
        }
        if (reachesAnEngine(handler)) {
            add(operation, HttpStatus.NOT_IMPLEMENTED, "The host's kind cannot do this, such as logs on HCS (`unsupported`)");
            add(operation, HttpStatus.BAD_GATEWAY, "The host's engine is unreachable or its TLS failed (`host-unavailable`), "
                    + "or HCS failed (`hcs-error`, with `hresult`)");
            add(operation, HttpStatus.GATEWAY_TIMEOUT, "The host's engine did not answer in time (`host-timeout`)");
        }
        return operation;
    }

    public static Header retryAfter() {
        return new Header().description("Seconds to wait before trying again").schema(new IntegerSchema());
    }

    private static boolean hasPathVariables(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
    }

    /** Routes below one host ({@code .../{hostId}/containers}, {@code .../{hostId}/info}): they ask its engine. */
    private static boolean reachesAnEngine(HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        RequestMapping method = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        String[] prefixes = type == null || type.path().length == 0 ? new String[] {""} : type.path();
        String[] paths = method == null || method.path().length == 0 ? new String[] {""} : method.path();
        return Arrays.stream(prefixes).anyMatch(prefix -> Arrays.stream(paths).anyMatch(path -> (prefix + path).contains("{hostId}/")));
    }

    private static boolean changes(HandlerMethod handler) {
        return AnswerDocs.methods(handler).stream().anyMatch(m -> m != RequestMethod.GET && m != RequestMethod.HEAD);
    }

    /** What the app really emits: RFC 9457's members, and the three extensions {@link ApiExceptionHandler} sets. */
    static Schema<?> schema() {
        Set<String> names = new TreeSet<>(Set.of("hcs-error"));
        Arrays.stream(HttpStatus.values()).filter(HttpStatus::isError).map(Problems::nameFor).forEach(names::add);
        String listed = names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
        return new ObjectSchema()
                .description("An error, as RFC 9457 problem details (`application/problem+json`). Never a stack trace.")
                .addProperty("type", new StringSchema().format("uri")
                        .description("Stable: `" + Problems.BASE + "<name>`, one of " + listed + ". Branch on this."))
                .addProperty("title", new StringSchema().description("The HTTP status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What went wrong, for people; wording may change"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The path that failed, when known"))
                .addProperty("field", new StringSchema().description("The input field to blame, on `validation` and some `conflict` "
                        + "and `forbidden` answers"))
                .addProperty("hostId", new StringSchema().format("uuid").description("The host whose engine failed"))
                .addProperty("hresult", new StringSchema().pattern("^0x[0-9A-F]{8}$")
                        .description("The HRESULT of a failed HCS or HCN call (`hcs-error`), such as 0x8037010E"))
                .required(List.of("type", "title", "status"));
    }
}
