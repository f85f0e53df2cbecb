package dev.wharf.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses with a specific status and a message for the client, such as a 404 for a
 * token that is not the caller's or a 409 for a duplicate name.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String message) {
        this(status, message, Map.of());
    }

    public ApiException(HttpStatus status, String message, Map<String, Object> properties) {
        super(message);
        this.status = status;
        this.properties = Map.copyOf(properties);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message);
    }

    public HttpStatus status() {
        return status;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
