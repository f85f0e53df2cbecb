package dev.wharf.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.servlet.ServletResponse;
import java.beans.Introspector;
import java.io.OutputStream;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * What springdoc cannot see in a handler's signature, read from the API's conventions (ARCHITECTURE.md):
 * <ul>
 * <li>a {@code ResponseEntity<Void>} answers 204 without a body, unless the handler writes the response itself
 * (an export), which answers 200 in the types its mapping produces; a POST answering a {@code ResponseEntity} with a
 * body creates, so 201 with {@code Location}. A handler that answers otherwise (202 for long work) says so with
 * swagger's {@code @ApiResponse}, and this leaves it alone;</li>
 * <li>a stream ({@code text/event-stream}) is described as server-sent events;</li>
 * <li>a body read raw from the request (an image tar) is the media types the mapping consumes, as bytes;</li>
 * <li>operations are named after their controller and method ({@code containerStart}) and tagged with their
 * feature ({@code containers}), so both stay put when endpoints are added elsewhere.</li>
 * </ul>
 */
final class AnswerDocs implements GlobalOperationCustomizer {

    static final String EVENT_STREAM = org.springframework.http.MediaType.TEXT_EVENT_STREAM_VALUE;

    AnswerDocs() {}

    static Schema<?> eventStream() {
        return new StringSchema().description("Server-sent events: each has `id:`, `event:` (its type) and one line of JSON "
                + "`data:`; send `Last-Event-ID` when reconnecting to resume after the last one seen");
    }

    static Schema<?> bytes() {
        return new BinarySchema();
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        name(operation, handler);
        if (!declaresItsAnswers(handler)) {
            successStatus(operation, handler);
        }
        String[] raw = rawBodyTypes(handler);
        if (raw.length > 0 && operation.getRequestBody() == null) {
            Content content = new Content();
            Arrays.stream(raw).forEach(type -> content.addMediaType(type, new MediaType().schema(bytes())));
            operation.setRequestBody(new RequestBody().required(true).content(content)
                    .description("The body itself, streamed as it arrives"));
        }
        if (streams(handler)) {
            appendDescription(operation, "With `Accept: " + EVENT_STREAM + "` the answer is a stream of server-sent events "
                    + "that stays open until the caller, the resource or the caller's access goes.");
        }
        return operation;
    }

    /** The media types of a body the handler reads itself, without {@code @RequestBody}: what its mapping consumes. */
    static String[] rawBodyTypes(HandlerMethod handler) {
        boolean bound = Arrays.stream(handler.getMethodParameters())
                .anyMatch(p -> p.hasParameterAnnotation(org.springframework.web.bind.annotation.RequestBody.class));
        RequestMapping mapping = mapping(handler);
        return bound || mapping == null ? new String[0] : mapping.consumes();
    }

    /** Whether the handler answers a server-sent event stream. */
    static boolean streams(HandlerMethod handler) {
        RequestMapping mapping = mapping(handler);
        boolean produces = mapping != null && Arrays.stream(mapping.produces()).anyMatch(type -> type.startsWith(EVENT_STREAM));
        return produces || ResponseBodyEmitter.class.isAssignableFrom(body(handler).toClass());
    }

    /** Whether the handler writes its answer to the response itself (a stream of rows), returning nothing. */
    static boolean writesItsOwnAnswer(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters()).map(MethodParameter::getParameterType)
                .anyMatch(type -> ServletResponse.class.isAssignableFrom(type) || OutputStream.class.isAssignableFrom(type)
                        || Writer.class.isAssignableFrom(type));
    }

    static Set<RequestMethod> methods(HandlerMethod handler) {
        RequestMapping mapping = mapping(handler);
        return mapping == null ? Set.of() : Set.of(mapping.method());
    }

    private static RequestMapping mapping(HandlerMethod handler) {
        return AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
    }

    /** What the handler answers in its body: the {@code T} of a {@code ResponseEntity<T>}, or its return type. */
    private static ResolvableType body(HandlerMethod handler) {
        ResolvableType returned = ResolvableType.forMethodReturnType(handler.getMethod());
        return ResponseEntity.class.isAssignableFrom(returned.toClass()) ? returned.getGeneric(0) : returned;
    }

    private static boolean declaresItsAnswers(HandlerMethod handler) {
        return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), io.swagger.v3.oas.annotations.responses.ApiResponse.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getMethod(), io.swagger.v3.oas.annotations.responses.ApiResponses.class);
    }

    private static void successStatus(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses == null ? null : responses.get("200");
        if (ok == null) {
            return;
        }
        Class<?> body = body(handler).toClass();
        boolean returnsResponseEntity = ResponseEntity.class.isAssignableFrom(handler.getMethod().getReturnType());
        if ((body == Void.class || body == void.class) && writesItsOwnAnswer(handler)) {
            if (ok.getContent() == null || ok.getContent().isEmpty()) {
                RequestMapping mapping = mapping(handler);
                String[] types = mapping == null || mapping.produces().length == 0 ? new String[] {"*/*"} : mapping.produces();
                Content content = new Content();
                Arrays.stream(types).forEach(type -> content.addMediaType(type, new MediaType().schema(bytes())));
                ok.description("The answer, written as it is produced (its form as the description says)").content(content);
            }
        } else if (body == Void.class || body == void.class) {
            responses.remove("200");
            responses.addApiResponse("204", new ApiResponse().description("Done; no body"));
        } else if (returnsResponseEntity && methods(handler).equals(Set.of(RequestMethod.POST)) && !streams(handler)) {
            responses.remove("200");
            responses.addApiResponse("201", ok.description("Created: the new resource, whose address is in `Location`")
                    .addHeaderObject("Location", new Header().description("The new resource's path").schema(new StringSchema())));
        }
    }

    /** {@code ContainerApiController.start} is {@code containerStart}, tagged {@code containers}; springdoc's own is {@code start_3}. */
    private static void name(Operation operation, HandlerMethod handler) {
        String method = handler.getMethod().getName();
        String current = operation.getOperationId();
        // a second handler on the same path and method (a list and its stream) keeps the first one's name
        if (current == null || current.equals(method) || current.matches(java.util.regex.Pattern.quote(method) + "_\\d+")) {
            String controller = handler.getBeanType().getSimpleName().replaceFirst("(Api)?Controller$", "");
            operation.setOperationId(Introspector.decapitalize(controller) + StringUtils.capitalize(method));
            String feature = handler.getBeanType().getPackageName();
            operation.setTags(List.of(feature.substring(feature.lastIndexOf('.') + 1)));
        }
    }

    private static void appendDescription(Operation operation, String sentence) {
        String current = operation.getDescription();
        if (current == null || current.isBlank()) {
            operation.setDescription(sentence);
        } else if (!current.contains(sentence)) {
            operation.setDescription(current + "\n\n" + sentence);
        }
    }
}
