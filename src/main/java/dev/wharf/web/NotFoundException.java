package dev.wharf.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A resource that does not exist, or that the caller may not see (the two look the same): 404, as a
 * ProblemDetail in the API and as the 404 page in the console.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
